using LostEngine.Clustering;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// <c>--features A.npy [B.npy ...]</c>: files with a sidecar (what <c>--features-out</c> writes, such as the parts of a
/// sharded run) are matched to the images by name, each row's box checked against the predictions'; a single file
/// without one is taken in row order (<see cref="NpyFeatureSource"/>).
/// </summary>
internal sealed class FeatureFileSet(IReadOnlyList<string> paths) : IClusterFeatureSource
{
    // Enough names for a person to find what is wrong; the count says how many more.
    private const int NamedMissing = 5;

    public string Option => NpyFeatureSource.OptionName;

    public IReadOnlyList<string> InputFiles => [.. paths, .. paths.Select(FeatureSidecar.PathOf)];

    public FeatureRows Load(BoxedImages images)
    {
        if (paths.Count == 1 && !File.Exists(FeatureSidecar.PathOf(paths[0])))
        {
            return new NpyFeatureSource(paths[0]).Load(images);
        }
        var files = paths.Select(path => NamedFeatures.Read(Option, path) ?? throw new LostInputException(Option,
            $"'{path}' has no sidecar '{FeatureSidecar.PathOf(path)}' naming its rows; with several files each needs one "
            + "(lost cluster --features-out writes it), and a file without one must be given alone, its rows in sorted name order.")).ToArray();
        int dims = files[0].Dims;
        if (files.FirstOrDefault(f => f.Dims != dims) is { } other)
        {
            throw new LostInputException(Option, $"'{other.Path}' has features of {other.Dims} values, but '{files[0].Path}' of {dims}; give features of one model.");
        }
        var rows = Index(files);
        var values = new double[(long)images.Names.Count * dims];
        var missing = new List<string>();
        for (int i = 0; i < images.Names.Count; i++)
        {
            string name = images.Names[i];
            if (!rows.TryGetValue(name, out var at))
            {
                missing.Add(name);
                continue;
            }
            var file = files[at.File];
            if (file.Sidecar.Boxes[at.Row] != images.Boxes[i])
            {
                throw new LostInputException(Option, $"'{file.Path}' has image '{name}' with box {file.Sidecar.Boxes[at.Row]}, but {BoxedImages.Option} "
                    + $"has {images.Boxes[i]}; extract its features again for the predictions' box.");
            }
            file.Row(at.Row).CopyTo(values.AsSpan(i * dims, dims));
        }
        if (missing.Count > 0)
        {
            string more = missing.Count > NamedMissing ? $" and {missing.Count - NamedMissing} more" : "";
            throw new LostInputException(Option, $"{missing.Count} of the {images.Names.Count} images with a box in {BoxedImages.Option} have no row in the "
                + $"files given: {string.Join(", ", missing.Take(NamedMissing).Select(n => $"'{n}'"))}{more}.");
        }
        return FeatureNpy.Rows(Option, string.Join(", ", paths), values, files.All(f => f.IsSinglePrecision), images.Names.Count, dims);
    }

    /// <exception cref="LostInputException">An image has rows in two files, or twice in one.</exception>
    private Dictionary<string, (int File, int Row)> Index(NamedFeatures[] files)
    {
        var rows = new Dictionary<string, (int File, int Row)>(StringComparer.Ordinal);
        for (int f = 0; f < files.Length; f++)
        {
            var names = files[f].Sidecar.Images;
            for (int r = 0; r < names.Count; r++)
            {
                if (!rows.TryAdd(names[r], (f, r)))
                {
                    string first = files[rows[names[r]].File].Path;
                    string where = first == files[f].Path ? $"twice in '{first}'" : $"in both '{first}' and '{files[f].Path}'";
                    throw new LostInputException(Option, $"image '{names[r]}' has features {where}; give each image's features once.");
                }
            }
        }
        return rows;
    }
}
