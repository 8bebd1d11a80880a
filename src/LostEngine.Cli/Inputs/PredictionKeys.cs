using LostEngine.Runs;

namespace LostEngine.Cli.Inputs;

/// <summary>
/// The key each image's prediction is saved under, unique in a run and the same in every run of the same
/// arguments (shards, resumes): first its natural key (the file name, or the path below a folder with
/// subfolders); where several images share one, each of them takes its path as given; where that is still
/// another image's key, its full path. The same file named twice is one image.
/// </summary>
internal static class PredictionKeys
{
    /// <summary>An image found on the command line, with its natural key.</summary>
    public sealed record Candidate(string Path, string NaturalKey);

    /// <summary>The images, the same file once (its first place), each with its unique key.</summary>
    public static List<RunImage> Assign(IReadOnlyList<Candidate> candidates)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var images = candidates.Where(c => seen.Add(Path.GetFullPath(c.Path))).ToList();
        var keys = images.Select(c => c.NaturalKey).ToArray();
        var asGiven = Rekey(keys, _ => true, i => Portable(images[i].Path));
        // A full path names one file and, being rooted, is never a natural key or a relative path as given.
        Rekey(keys, i => asGiven[i], i => Portable(Path.GetFullPath(images[i].Path)));
        return images.Select((c, i) => new RunImage(c.Path, keys[i])).ToList();
    }

    /// <summary>A path with '/' between folders on every system, so keys do not depend on where a run was made.</summary>
    public static string Portable(string path) =>
        Path.DirectorySeparatorChar == '/' ? path : path.Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Gives every image that may move and shares its key with another the key <paramref name="next"/>; returns which moved.</summary>
    private static bool[] Rekey(string[] keys, Func<int, bool> mayMove, Func<int, string> next)
    {
        var holders = keys.CountBy(key => key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var moved = new bool[keys.Length];
        for (int i = 0; i < keys.Length; i++)
        {
            if (holders[keys[i]] > 1 && mayMove(i))
            {
                moved[i] = true;
            }
        }
        for (int i = 0; i < keys.Length; i++)
        {
            if (moved[i])
            {
                keys[i] = next(i);
            }
        }
        return moved;
    }
}
