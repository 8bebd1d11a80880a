using LostEngine.Runs;

namespace LostEngine.Cli.Inputs;

/// <summary>The images named on the command line, each with its prediction key, and the paths that do not exist.</summary>
/// <param name="Images">
/// Every image once, in order: each argument in turn, a folder's images sorted ordinally by path. A path that
/// names nothing is among them too, keyed by its file name: the run fails it like any image it cannot read.
/// </param>
/// <param name="Missing">Arguments that name nothing.</param>
internal sealed record ImageArguments(IReadOnlyList<RunImage> Images, IReadOnlyList<string> Missing)
{
    /// <summary>Expands files and folders (walked for jpg, jpeg, png, webp, bmp, gif) and keys every image (<see cref="PredictionKeys"/>).</summary>
    public static ImageArguments Expand(IEnumerable<string> paths)
    {
        var found = new List<PredictionKeys.Candidate>();
        var missing = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var images = ImageFileWalker.ImagesBelow(path);
                // The reference keys by file name; a folder with subfolders would make those collide.
                bool flat = images.All(image => Path.GetDirectoryName(Path.GetRelativePath(path, image)) is "");
                found.AddRange(images.Select(image => new PredictionKeys.Candidate(image,
                    flat ? Path.GetFileName(image) : PredictionKeys.Portable(Path.GetRelativePath(path, image)))));
            }
            else if (File.Exists(path))
            {
                found.Add(new PredictionKeys.Candidate(path, Path.GetFileName(path)));
            }
            else
            {
                found.Add(new PredictionKeys.Candidate(path, Path.GetFileName(path)));
                missing.Add(path);
            }
        }
        return new ImageArguments(PredictionKeys.Assign(found), missing);
    }
}
