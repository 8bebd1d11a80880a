namespace LostEngine.Cli.Commands;

/// <summary>Expands command-line paths into image files: files as given, folders walked for image extensions.</summary>
internal static class ImageFileWalker
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif",
    };

    /// <summary>
    /// Every image, in order: each argument in turn, a folder's images (recursively) sorted ordinally by path.
    /// A path that does not exist comes back with <c>Missing</c> set, so the caller reports it and goes on.
    /// </summary>
    public static IEnumerable<(string Path, bool Missing)> Expand(IEnumerable<string> paths)
    {
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal);
                foreach (string file in files)
                {
                    yield return (file, false);
                }
            }
            else
            {
                yield return (path, !File.Exists(path));
            }
        }
    }
}
