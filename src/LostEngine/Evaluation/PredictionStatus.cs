namespace LostEngine.Evaluation;

/// <summary>What a prediction source has for one image.</summary>
public enum PredictionStatus
{
    /// <summary>A box was predicted.</summary>
    Box,
    /// <summary>The method answered that there is no object; the image counts as a miss.</summary>
    NoObject,
    /// <summary>There is no prediction for the image (not run, or it failed); the image counts as a miss.</summary>
    Missing,
}
