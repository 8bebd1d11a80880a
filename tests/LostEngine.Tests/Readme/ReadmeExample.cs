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
}
