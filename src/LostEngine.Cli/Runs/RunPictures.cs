using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Visualization;
using SkiaSharp;

namespace LostEngine.Cli.Runs;

/// <summary>
/// The <c>--visualize</c> figures of one image of a run, drawn by its method's visualizer from the localizer's details
/// and named from the image's key (<see cref="VisualizationFileNames.StemOfKey"/>), so images never share a figure.
/// </summary>
internal static class RunPictures
{
    public static void Draw(VisualizationKind kind, string folder, RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
    {
        // The frame is RGBA with alpha dropped by the spec; declaring it opaque keeps Skia from blending it. The
        // figures show what the model saw: the downscaled image under --max-side, on which its grid lies.
        using var bitmap = new SKBitmap(new SKImageInfo(result.ModelWidth, result.ModelHeight, SKColorType.Rgba8888, SKAlphaType.Opaque));
        (result.Downscaled ? localizer.ScaledPixels : frame.Pixels).CopyTo(bitmap.GetPixelSpan());
        var binding = localizer.LastBinding;
        int patch = localizer.Model.Info.PatchSize;
        var grid = PatchGrid.ForVit(binding.Rows, binding.Cols, patch, result.ModelHeight, result.ModelWidth);
        string stem = VisualizationFileNames.StemOfKey(image.Key);
        switch (result.Method)
        {
            case LocalizationMethod.Lost:
                var parameters = LostParameters.ForVit(binding.Rows, binding.Cols, patch, result.ModelHeight, result.ModelWidth, localizer.Options.KPatches);
                LostVisualizer.Render(kind, bitmap, binding.Features(localizer.Options.Features), binding.Dim, parameters, result.Lost,
                    localizer.LostDetails!, folder, stem);
                break;
            case LocalizationMethod.TokenCut:
                TokenCutVisualizer.Render(kind, bitmap, grid, result.TokenCut, localizer.NcutDetails!, folder, stem);
                break;
            case LocalizationMethod.MaskCut:
                MaskCutVisualizer.Render(kind, bitmap, grid, result.MaskCut, localizer.NcutDetails!, folder, stem);
                break;
            default:
                // --visualize is refused for the other methods before the run starts.
                throw new InvalidOperationException($"No figures for method {result.Method}.");
        }
    }
}
