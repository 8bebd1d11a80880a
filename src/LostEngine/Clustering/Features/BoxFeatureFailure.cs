namespace LostEngine.Clustering.Features;

/// <summary>A box whose feature could not be computed, and why.</summary>
/// <param name="Index">Its position in the requests.</param>
/// <param name="Request">The request.</param>
/// <param name="Message">The one-line error: the image could not be decoded, the crop is empty or too thin to run, the model failed on it.</param>
public sealed record BoxFeatureFailure(int Index, BoxFeatureRequest Request, string Message);
