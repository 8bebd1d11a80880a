namespace LostEngine.Cli.Outputs;

/// <summary>
/// A path with every symbolic link in it followed, so that two names of one file compare equal: an output named
/// through a linked folder is still the input it would overwrite.
/// </summary>
internal static class CanonicalPath
{
    // The kernel's own limit on links followed in one lookup (ELOOP); a loop stops here instead of running on.
    private const int MaxLinks = 40;

    /// <summary>The canonical form of <paramref name="path"/>; parts that do not exist are kept as written.</summary>
    public static string Of(string path)
    {
        string full = Path.GetFullPath(path);
        string root = Path.GetPathRoot(full) ?? "";
        var pending = new Stack<string>(Parts(full[root.Length..]).Reverse());
        string current = root;
        int links = 0;
        while (pending.TryPop(out string? part))
        {
            if (part == ".")
            {
                continue;
            }
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            string next = Path.Combine(current, part);
            string? target = links < MaxLinks ? new FileInfo(next).LinkTarget : null;
            if (target is null)
            {
                current = next;
                continue;
            }
            links++;
            // The link's text replaces it: from the root when absolute, from the folder holding the link otherwise.
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }
            foreach (string targetPart in Parts(target).Reverse())
            {
                pending.Push(targetPart);
            }
        }
        return current;
    }

    private static string[] Parts(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
