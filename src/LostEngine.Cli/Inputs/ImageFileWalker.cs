using LostEngine.IO;

namespace LostEngine.Cli.Inputs;

/// <summary>
/// Finds the image files below a folder. The walk is iterative and follows symbolic links, but never into a
/// directory already on the path from the folder to where the link is: a link back to a parent would otherwise
/// be walked again inside itself until the path grew too long.
/// </summary>
internal static class ImageFileWalker
{
    private static readonly HashSet<string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif",
    };

    // What Directory.EnumerateFiles(path, "*", SearchOption) does, one level at a time: hidden files included,
    // an unreadable folder an error rather than a silent gap.
    private static readonly EnumerationOptions OneLevel = new() { AttributesToSkip = 0, IgnoreInaccessible = false };

    /// <summary>Every image file below <paramref name="folder"/>, sorted ordinally by path.</summary>
    public static List<string> ImagesBelow(string folder)
    {
        var images = new List<string>();
        var pending = new Stack<(string Folder, PathAbove? Above)>();
        pending.Push((folder, null));
        while (pending.TryPop(out var next))
        {
            var identity = FileStatusProbe.Of(next.Folder).Identity;
            if (next.Above is not null && next.Above.Holds(identity))
            {
                continue;
            }
            var here = new PathAbove(identity, next.Above);
            images.AddRange(Directory.EnumerateFiles(next.Folder, "*", OneLevel).Where(IsImage));
            foreach (string sub in Directory.EnumerateDirectories(next.Folder, "*", OneLevel))
            {
                pending.Push((sub, here));
            }
        }
        images.Sort(StringComparer.Ordinal);
        return images;
    }

    private static bool IsImage(string path) => Extensions.Contains(Path.GetExtension(path));

    /// <summary>The directories from the walked folder down to one being listed, innermost first.</summary>
    private sealed record PathAbove(FileIdentity Identity, PathAbove? Parent)
    {
        public bool Holds(FileIdentity identity)
        {
            for (var step = this; step is not null; step = step.Parent)
            {
                if (step.Identity == identity)
                {
                    return true;
                }
            }
            return false;
        }
    }
}
