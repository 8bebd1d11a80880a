using LostEngine.Clustering;
using LostEngine.IO;

namespace LostEngine.Cli.Clustering;

/// <summary>A features file: float32 or float64, shape (rows, d), read with errors naming its option and path.</summary>
internal static class FeatureNpy
{
    /// <exception cref="LostInputException">The file cannot be read, is not 2-axis, or holds another element type.</exception>
    public static NpyFloat64Array Read(string option, string path)
    {
        NpyFloat64Array array;
        try
        {
            array = NpyReader.ReadFloat64(path);
        }
        catch (LostInputException e)
        {
            throw new LostInputException(option, $"'{path}': {e.Problem}", e);
        }
        if (array.Shape.Count != 2)
        {
            throw new LostInputException(option, $"'{path}' has {array.Shape.Count} axes ({string.Join(" × ", array.Shape)}); features are a 2-axis array (images, d).");
        }
        if (array.StoredAs is not (NpyElementType.Float32 or NpyElementType.Float64))
        {
            throw new LostInputException(option, $"'{path}': holds {array.StoredAs.ToString().ToLowerInvariant()}; save the features as float32 or float64.");
        }
        return array;
    }

    /// <summary>
    /// The rows <paramref name="values"/> hold, float32 when every source file was (the precision the reference
    /// computes in); errors name <paramref name="option"/> and <paramref name="path"/>.
    /// </summary>
    /// <exception cref="LostInputException">A value is not finite, or there is no row.</exception>
    public static FeatureRows Rows(string option, string path, double[] values, bool single, int rows, int dims)
    {
        try
        {
            return single
                ? FeatureRows.FromSingle(Array.ConvertAll(values, v => (float)v), rows, dims)
                : FeatureRows.FromDouble(values, rows, dims);
        }
        catch (LostInputException e) when (e.InputName == "features")
        {
            throw new LostInputException(option, $"'{path}': {e.Problem}", e);
        }
    }
}
