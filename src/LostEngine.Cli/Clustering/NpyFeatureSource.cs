using LostEngine.Clustering;
using LostEngine.IO;

namespace LostEngine.Cli.Clustering;

/// <summary><c>--features F.npy</c> with no sidecar: float32 or float64 features of shape (images, d), saved elsewhere, one row per image in sorted name order.</summary>
internal sealed class NpyFeatureSource(string path) : IClusterFeatureSource
{
    public const string OptionName = "--features";

    public string Option => OptionName;

    public IReadOnlyList<string> InputFiles => [path];

    public FeatureRows Load(BoxedImages images)
    {
        NpyFloat64Array array = FeatureNpy.Read(Option, path);
        int rows = array.Shape[0];
        if (rows != images.Names.Count)
        {
            throw new LostInputException(Option,
                $"'{path}' has {rows} rows, but {BoxedImages.Option} has {images.Names.Count} images with a box; give one row per image, in sorted name order.");
        }
        return FeatureNpy.Rows(Option, path, array.Values, array.StoredAs == NpyElementType.Float32, rows, array.Shape[1]);
    }
}
