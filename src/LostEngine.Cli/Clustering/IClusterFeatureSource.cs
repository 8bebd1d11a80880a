using LostEngine.Clustering;

namespace LostEngine.Cli.Clustering;

/// <summary>
/// Where <c>lost cluster</c> takes the features of the boxes from: one row per image, in the order of
/// <see cref="BoxedImages"/>. <see cref="NpyFeatureSource"/> (<c>--features</c>) reads them from a file; a source that
/// extracts them from the images with a model implements the same contract.
/// </summary>
internal interface IClusterFeatureSource
{
    /// <summary>The option that names the source, which errors about the features name.</summary>
    string Option { get; }

    /// <summary>The files the source reads, so that no output may overwrite them.</summary>
    IReadOnlyList<string> InputFiles { get; }

    /// <summary>The features of <paramref name="images"/>, row i for image i.</summary>
    /// <exception cref="LostInputException">The features cannot be had, or do not fit the images; the message names the option.</exception>
    FeatureRows Load(BoxedImages images);
}
