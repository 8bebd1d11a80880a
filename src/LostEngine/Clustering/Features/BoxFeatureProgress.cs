namespace LostEngine.Clustering.Features;

/// <summary>Where <see cref="BoxFeatureExtractor.ExtractAll"/> stands, reported after each box.</summary>
/// <param name="Done">Boxes handled so far, extracted or failed.</param>
/// <param name="Total">Boxes requested.</param>
/// <param name="Failed">Boxes of <paramref name="Done"/> that failed.</param>
public readonly record struct BoxFeatureProgress(int Done, int Total, int Failed);
