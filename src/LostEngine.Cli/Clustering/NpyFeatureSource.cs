using LostEngine.Clustering;
using LostEngine.IO;

namespace LostEngine.Cli.Clustering;

/// <summary><c>--features F.npy</c>: float32 or float64 features of shape (images, d), saved elsewhere, one row per image in sorted name order.</summary>
internal sealed class NpyFeatureSource(string path) : IClusterFeatureSource
{
    public const string OptionName = "--features";

    public string Option => OptionName;

    public IReadOnlyList<string> InputFiles => [path];

    public FeatureRows Load(BoxedImages images)
    {
        NpyFloat64Array array;
        try
        {
            array = NpyReader.ReadFloat64(path);
        }
        catch (LostInputException e)
        {
            throw new LostInputException(Option, $"'{path}': {e.Problem}", e);
        }
        if (array.Shape.Count != 2)
        {
            throw new LostInputException(Option, $"'{path}' has {array.Shape.Count} axes ({string.Join(" × ", array.Shape)}); features are a 2-axis array (images, d).");
        }
        int rows = array.Shape[0];
        int dims = array.Shape[1];
        if (rows != images.Names.Count)
        {
            throw new LostInputException(Option,
                $"'{path}' has {rows} rows, but {BoxedImages.Option} has {images.Names.Count} images with a box; give one row per image, in sorted name order.");
        }
        try
        {
            return array.StoredAs switch
            {
                NpyElementType.Float32 => FeatureRows.FromSingle(Array.ConvertAll(array.Values, v => (float)v), rows, dims),
                NpyElementType.Float64 => FeatureRows.FromDouble(array.Values, rows, dims),
                _ => throw new LostInputException("features", $"holds {array.StoredAs.ToString().ToLowerInvariant()}; save the features as float32 or float64."),
            };
        }
        catch (LostInputException e) when (e.InputName == "features")
        {
            throw new LostInputException(Option, $"'{path}': {e.Problem}", e);
        }
    }
}
