namespace LostEngine.Cli.Clustering;

/// <summary>
/// The file of a predictions key below <c>--images DIR</c>: keys are file names or '/'-separated paths below the
/// folder, as <c>lost localize --output</c> writes them. A key that would reach outside the folder (rooted, or with a
/// <c>..</c> step) names no image of it: a map from elsewhere must not make the run read arbitrary files.
/// </summary>
internal static class ImageKeyPaths
{
    /// <summary>The image file of <paramref name="key"/> below <paramref name="folder"/>, or why the key names none.</summary>
    public static (string? Path, string? Problem) Resolve(string folder, string key)
    {
        if (key.Contains('\0'))
        {
            return (null, "the key holds a NUL character, which no file name has.");
        }
        if (Path.IsPathRooted(key) || key.StartsWith('/') || key.StartsWith('\\'))
        {
            return (null, $"the key is an absolute path; keys name files below {BoxFeatureRun.ImagesOption}.");
        }
        if (key.Split('/', '\\').Any(step => step == ".."))
        {
            return (null, $"the key climbs out with '..'; keys name files below {BoxFeatureRun.ImagesOption}.");
        }
        return (Path.Combine(folder, Path.DirectorySeparatorChar == '/' ? key : key.Replace('/', Path.DirectorySeparatorChar)), null);
    }
}
