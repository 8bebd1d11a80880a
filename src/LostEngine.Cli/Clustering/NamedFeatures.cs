namespace LostEngine.Cli.Clustering;

/// <summary>A features file read with its sidecar: row r is the feature of <c>Sidecar.Images[r]</c>'s box <c>Sidecar.Boxes[r]</c>.</summary>
internal sealed record NamedFeatures(string Path, FeatureSidecar Sidecar, double[] Values, bool IsSinglePrecision)
{
    public int Dims => Sidecar.Dims;

    public ReadOnlySpan<double> Row(int row) => Values.AsSpan(row * Dims, Dims);

    /// <summary>The features at <paramref name="path"/> with their sidecar, or null when the file has no sidecar.</summary>
    /// <exception cref="LostInputException">Either file is unreadable or malformed, or they do not describe the same rows.</exception>
    public static NamedFeatures? Read(string option, string path)
    {
        if (FeatureSidecar.Read(option, path) is not { } sidecar)
        {
            return null;
        }
        var array = FeatureNpy.Read(option, path);
        if (array.Shape[0] != sidecar.Images.Count || array.Shape[1] != sidecar.Dims)
        {
            throw new LostInputException(option, $"'{path}' has shape ({array.Shape[0]}, {array.Shape[1]}), but its sidecar '{FeatureSidecar.PathOf(path)}' "
                + $"lists {sidecar.Images.Count} images of {sidecar.Dims} values; the two were not written together.");
        }
        return new NamedFeatures(path, sidecar, array.Values, array.StoredAs == LostEngine.IO.NpyElementType.Float32);
    }
}
