using LostEngine.Cli.Progress;
using LostEngine.Evaluation;
using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Visualization;
using SkiaSharp;

namespace LostEngine.Cli.Runs;

/// <summary>
/// Where each finished image of a run goes, in this order: the journal (so a crash right after cannot lose
/// it), the JSON line on stdout and in the log, the pictures, the prediction map, the progress display.
/// </summary>
internal sealed class RunOutputSink(
    TextWriter? lines, TextWriter? log, ResumeJournal? journal, (VisualizationKind Kind, string Folder)? pictures,
    PredictionMap predictions, IRunProgress progress) : IRunSink
{
    public void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
    {
        BoundingBox? box = result.HasObject
            ? new BoundingBox(result.Box.X1, result.Box.Y1, result.Box.X2, result.Box.Y2)
            : null;
        journal?.Record(new ImageResultRecord(image.Key, box, Note: result.HasObject ? null : result.ReasonText));
        Write(LocalizationJson.Line(image.Path, result));
        if (pictures is { } p && localizer.LostDetails is { } workspace)
        {
            Draw(p.Kind, p.Folder, image, result, frame, localizer, workspace);
        }
        if (box is not null)
        {
            predictions.Set(image.Key, box);
        }
        progress.ImageFinished(failed: false);
    }

    public void Failed(RunImage image, string reason)
    {
        journal?.Record(new ImageResultRecord(image.Key, null, Note: $"failed: {reason}"));
        Write(LocalizationJson.ErrorLine(image.Path, reason));
        progress.ImageFinished(failed: true);
    }

    private void Write(string line)
    {
        lines?.WriteLine(line);
        log?.WriteLine(line);
    }

    private static void Draw(VisualizationKind kind, string folder, RunImage image, in LocalizationResult result, RunFrame frame,
        LostLocalizer localizer, LostWorkspace workspace)
    {
        // The frame is RGBA with alpha dropped by the spec; declaring it opaque keeps Skia from blending it.
        using var bitmap = new SKBitmap(new SKImageInfo(frame.Width, frame.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        frame.Pixels.CopyTo(bitmap.GetPixelSpan());
        var binding = localizer.LastBinding;
        var parameters = LostParameters.ForVit(binding.Rows, binding.Cols, localizer.Model.Info.PatchSize,
            result.ImageHeight, result.ImageWidth, localizer.Options.KPatches);
        LostVisualizer.Render(kind, bitmap, binding.Features(localizer.Options.Features), binding.Dim, parameters, result.Lost,
            workspace, folder, VisualizationFileNames.StemOf(image.Path));
    }
}
