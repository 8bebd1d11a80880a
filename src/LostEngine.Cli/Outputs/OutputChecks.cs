using LostEngine.IO;

namespace LostEngine.Cli.Outputs;

/// <summary>
/// Checks every output of a command before it does any work, so that a run of hours cannot end on an output it
/// could never write: a file output is not a folder, not one of the inputs, and not another output; a folder output
/// is not a file; and each can be written, found by creating (and removing) a probe file beside it and opening an
/// existing file for writing, which changes nothing.
/// </summary>
internal static class OutputChecks
{
    /// <exception cref="LostInputException">An output cannot be used; the message names its option.</exception>
    public static void Require(IReadOnlyList<OutputLocation> outputs, IEnumerable<string> inputs)
    {
        var files = new List<(OutputLocation Output, string Canonical)>();
        foreach (OutputLocation output in outputs)
        {
            string full = FullPath(output);
            if (output.Kind == OutputKind.File)
            {
                RequireFile(output, full);
                string canonical = CanonicalPath.Of(full);
                foreach (var (earlier, earlierCanonical) in files)
                {
                    if (earlierCanonical == canonical)
                    {
                        throw new LostInputException(output.Option, $"'{output.Path}' is the file {earlier.Option} already names; give each output its own file.");
                    }
                }
                files.Add((output, canonical));
            }
            else
            {
                RequireFolder(output, full);
            }
        }
        RequireNoInput(files, inputs);
    }

    private static string FullPath(OutputLocation output)
    {
        try
        {
            return Path.GetFullPath(output.Path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new LostInputException(output.Option, $"'{output.Path}' is not a valid path ({e.Message}).");
        }
    }

    private static void RequireFile(OutputLocation output, string full)
    {
        if (Directory.Exists(full))
        {
            throw new LostInputException(output.Option, $"'{output.Path}' is a folder; name a file in it.");
        }
        ProbeFolder(output, Path.GetDirectoryName(full) ?? full);
        if (!File.Exists(full))
        {
            return;
        }
        try
        {
            using var existing = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException e) when (FileLocks.IsHeldElsewhere(e))
        {
            // Held by another run: opening its journal says so, in words.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(output.Option, $"'{output.Path}' cannot be written: {IoErrorText.Of(e)}.");
        }
    }

    private static void RequireFolder(OutputLocation output, string full)
    {
        if (File.Exists(full))
        {
            throw new LostInputException(output.Option, $"'{output.Path}' is a file; name a folder.");
        }
        ProbeFolder(output, full);
    }

    /// <summary>Creates and removes a file in <paramref name="folder"/>, or in its nearest existing parent when it is still to be made.</summary>
    private static void ProbeFolder(OutputLocation output, string folder)
    {
        string existing = folder;
        while (!Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                throw new LostInputException(output.Option, $"'{output.Path}' cannot be made: '{existing}' is a file, not a folder.");
            }
            existing = Path.GetDirectoryName(existing) ?? existing;
        }
        string probe = Path.Combine(existing, $".lost-probe-{Guid.NewGuid():N}");
        try
        {
            using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LostInputException(output.Option, $"'{output.Path}' cannot be written: the folder '{existing}' refuses new files ({IoErrorText.Of(e)}).");
        }
    }

    /// <summary>
    /// Refuses an output that is an input. Only an existing output can be one, and only an input of its size and
    /// time can be the same file, so the links of most inputs are never followed.
    /// </summary>
    private static void RequireNoInput(List<(OutputLocation Output, string Canonical)> files, IEnumerable<string> inputs)
    {
        var existing = files.Select(f => (f.Output, f.Canonical, Stamp: Stamp(f.Canonical))).Where(f => f.Stamp is not null).ToArray();
        if (existing.Length == 0)
        {
            return;
        }
        foreach (string input in inputs)
        {
            if (Stamp(input) is not { } stamp)
            {
                continue;
            }
            foreach (var (output, canonical, outputStamp) in existing)
            {
                if (stamp == outputStamp && CanonicalPath.Of(input) == canonical)
                {
                    string alias = input == output.Path ? "" : $" (as '{input}')";
                    throw new LostInputException(output.Option, $"'{output.Path}' is an input of this run{alias}; writing it would destroy it.");
                }
            }
        }
    }

    private static (long Length, DateTime Written)? Stamp(string path)
    {
        try
        {
            FileSystemInfo info = new FileInfo(path);
            // A FileInfo describes a link itself; the file it leads to is the one an output would overwrite.
            if (info.LinkTarget is not null)
            {
                info = info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            }
            return info is FileInfo { Exists: true } file ? (file.Length, file.LastWriteTimeUtc) : null;
        }
        catch (IOException)
        {
            // A loop of links leads to no file, so to no file an output could overwrite.
            return null;
        }
    }
}
