namespace LostEngine.Runs;

/// <summary>One image of a dataset run.</summary>
/// <param name="Path">Where the image file is.</param>
/// <param name="Key">The name its prediction is saved under (the reference keys by file name).</param>
public sealed record RunImage(string Path, string Key);
