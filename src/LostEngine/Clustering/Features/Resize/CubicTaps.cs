namespace LostEngine.Clustering.Features.Resize;

/// <summary>
/// The four source indices and weights of every output index along one axis, as torch's CPU
/// <c>upsample_bicubic2d</c> computes them (align_corners false, no antialias): scale = in / out in float32, source
/// position <c>scale · (i + 0.5) − 0.5</c> in double (the half-pixel offsets are double literals), its floor taken of
/// the position rounded to float32 but the fraction t of the double position (so t can be a hair below 0, as in
/// torch), Keys' cubic convolution with A = −0.75 on t, and the taps clamped to the border (edge pixels repeat).
/// </summary>
/// <remarks>
/// The polynomials are evaluated with fused multiply-adds, as torch's kernels compiled for AVX2 contract them: measured
/// against torch 1.13 this halves to quarters the largest difference of the separate multiply and add (the fixtures
/// of tests/fixtures/clustering/features stay within 1.5e-6 of torch on values of magnitude 5). The results are not
/// bitwise torch's: the order in which its vectorised loops accumulate is not reproduced.
/// </remarks>
internal sealed class CubicTaps
{
    private const float A = -0.75f;

    private CubicTaps(int[] indices, float[] weights)
    {
        Indices = indices;
        Weights = weights;
    }

    /// <summary>Source index of tap j of output i at [4 i + j], already clamped to [0, in − 1].</summary>
    public int[] Indices { get; }

    /// <summary>Weight of tap j of output i at [4 i + j].</summary>
    public float[] Weights { get; }

    /// <summary>The taps of an axis of <paramref name="inputSize"/> samples resized to <paramref name="outputSize"/>.</summary>
    public static CubicTaps For(int inputSize, int outputSize)
    {
        var indices = new int[4 * outputSize];
        var weights = new float[4 * outputSize];
        float scale = (float)inputSize / outputSize;
        for (int i = 0; i < outputSize; i++)
        {
            double real = scale * (i + 0.5) - 0.5;
            int floor = (int)MathF.Floor((float)real);
            float t = (float)(real - floor);
            // torch adds 1 to the rounded 1 − t, not 2 − t in one step: the two can differ in the last bit.
            float opposite = 1f - t;
            weights[4 * i] = Far(t + 1f);
            weights[4 * i + 1] = Near(t);
            weights[4 * i + 2] = Near(opposite);
            weights[4 * i + 3] = Far(opposite + 1f);
            for (int j = 0; j < 4; j++)
            {
                indices[4 * i + j] = Math.Clamp(floor - 1 + j, 0, inputSize - 1);
            }
        }
        return new CubicTaps(indices, weights);
    }

    // Keys' kernel for |x| ≤ 1, ((A + 2) x − (A + 3)) x² + 1, and for 1 < |x| < 2, ((A x − 5A) x + 8A) x − 4A.
    private static float Near(float x) => MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(A + 2, x, -(A + 3)) * x, x, 1f);

    private static float Far(float x) => MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(A, x, -5 * A), x, 8 * A), x, -4 * A);
}
