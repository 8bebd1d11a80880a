using LostEngine.Imaging;
using LostEngine.Kernel;
using LostEngine.Pipeline;

namespace LostEngine.Tests.Readme;

/// <summary>
/// The library example of the README, verbatim between the markers: <see cref="ReadmeTests"/> checks the README
/// still shows exactly this code, and runs it.
/// </summary>
internal static class ReadmeExample
{
    public static (PixelBox FromFile, PixelBox FromFrame, PixelBox FromKeys) Run(string modelPath, string imagePath,
        byte[] rgbFrame, int frameWidth, int frameHeight, float[] keys, int rows, int cols, int dim)
    {
        // README-BEGIN
        // One localizer per thread: it owns the model bindings and the kernel workspace it reuses.
        using var localizer = new LostLocalizer(new LocalizerOptions { ModelPath = modelPath });

        // An image file: decode, normalise and pad, run the ViT, run LOST.
        LocalizationResult fromFile = localizer.LocalizeFile(imagePath);
        if (fromFile.HasObject)
        {
            Console.WriteLine($"box {fromFile.Box}, seed {fromFile.Seed}, model {fromFile.Timings.ModelMs:0.0} ms");
        }

        // A frame already decoded by the host (camera, video): no managed allocation once its size was seen.
        LocalizationResult fromFrame = localizer.Localize(rgbFrame, frameWidth, frameHeight,
            stride: frameWidth * 3, PixelFormat.Rgb24);

        // Keys from elsewhere (N x d, row-major, CLS removed): the LOST kernel alone, zero allocations per call.
        using var workspace = new LostWorkspace(maxPatches: rows * cols, maxDim: dim);
        var parameters = LostParameters.ForGrid(rows, cols, patchSize: 16);
        LostResult fromKeys = LostKernel.Run(keys, dim, parameters, workspace);
        // README-END
        return (fromFile.Box, fromFrame.Box, fromKeys.Box);
    }

    public static (PixelBox TokenCut, PixelBox[] MaskCut, PixelBox FromKeys, int EigenvectorLength) RunNcut(string modelPath, string imagePath, float[] keys, int rows, int cols, int dim)
    {
        // README-NCUT-BEGIN
        // TokenCut or MaskCut instead of LOST: the same localizer, another method (tau, eps, rounds default per method).
        using var tokenCut = new LostLocalizer(new LocalizerOptions { ModelPath = modelPath, Method = LocalizationMethod.TokenCut });
        LocalizationResult cut = tokenCut.LocalizeFile(imagePath);
        Console.WriteLine($"box {cut.Box}, ncut value {cut.TokenCut.NcutValue:0.000}, eigengap {cut.TokenCut.Eigengap:0.000}");

        // MaskCut: the result's box is the first object; every object is in the localizer's workspace until its next call.
        using var maskCut = new LostLocalizer(new LocalizerOptions { ModelPath = modelPath, Method = LocalizationMethod.MaskCut, Rounds = 3 });
        maskCut.LocalizeFile(imagePath);
        var objects = new List<PixelBox>();
        foreach (MaskCutObject found in maskCut.NcutDetails!.Objects)
        {
            objects.Add(found.Box);
        }

        // The TokenCut kernel alone on keys: the eigenvector, partition and component stay in the workspace.
        using var workspace = new NcutWorkspace(maxPatches: rows * cols, maxDim: dim);
        TokenCutResult fromKeys = TokenCutKernel.Run(keys, dim, TokenCutParameters.ForGrid(rows, cols, patchSize: 16), workspace);
        ReadOnlySpan<double> eigenvector = workspace.Eigenvector;
        // README-NCUT-END
        return (cut.Box, [.. objects], fromKeys.Box, eigenvector.Length);
    }
}
