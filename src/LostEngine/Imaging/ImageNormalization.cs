namespace LostEngine.Imaging;

/// <summary>
/// ImageNet normalisation of the reference (spec section 4): <c>(x / 255 - mean) / std</c> per channel, folded into
/// one multiply-add <c>x · scale + offset</c> with <c>scale = 1 / (255 · std)</c> and <c>offset = -mean / std</c>.
/// The folded form differs from the two-step form by a few float32 ulps (below 1e-6 on these ranges).
/// </summary>
public static class ImageNormalization
{
    /// <summary>Per-channel mean, RGB.</summary>
    public static ReadOnlySpan<float> Mean => [0.485f, 0.456f, 0.406f];

    /// <summary>Per-channel standard deviation, RGB.</summary>
    public static ReadOnlySpan<float> Std => [0.229f, 0.224f, 0.225f];

    /// <summary><c>1 / (255 · std)</c> for the channel, computed in double and rounded once.</summary>
    public static float Scale(int channel) => (float)(1.0 / (255.0 * Std[channel]));

    /// <summary><c>-mean / std</c> for the channel, computed in double and rounded once.</summary>
    public static float Offset(int channel) => (float)(-(double)Mean[channel] / Std[channel]);
}
