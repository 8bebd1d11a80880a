using LostEngine.Cli.Outputs;
using LostEngine.Cli.Progress;
using LostEngine.Evaluation;
using LostEngine.Kernel;
using LostEngine.Pipeline;
using LostEngine.Runs;
using LostEngine.Visualization;

namespace LostEngine.Cli.Runs;

/// <summary>
/// Where each finished image of a run goes, in this order: the journal (so a crash right after cannot lose
/// it), the prediction map and MaskCut's objects, the pictures, the JSON line on stdout and in the log (with
/// <c>pictures_error</c> when a picture could not be written), the list of failures, the progress display. A
/// journal or log that cannot be written stops the run with an <see cref="OutputWriteException"/> naming its
/// option, every image before it kept; a picture that cannot be written ends nothing else.
/// </summary>
internal sealed class RunOutputSink(
    TextWriter? lines, RunLog? log, ResumeJournal? journal, (VisualizationKind Kind, string Folder)? pictures,
    PredictionMap predictions, Dictionary<string, IReadOnlyList<BoundingBox>> objects, List<(string Image, string Reason)> failures,
    IRunProgress progress) : IRunSink
{
    public void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
    {
        BoundingBox? box = result.HasObject ? ToBoundingBox(result.Box) : null;
        var found = result.Method == LocalizationMethod.MaskCut ? ObjectBoxes(localizer.NcutDetails!.Objects, result) : null;
        Record(new ImageResultRecord(image.Key, box, Note: result.HasObject ? null : result.ReasonText, Objects: found));
        if (box is not null)
        {
            predictions.Set(image.Key, box);
        }
        if (found is not null)
        {
            objects[image.Key] = found;
        }
        string? picturesError = pictures is { } p ? DrawPictures(p.Kind, p.Folder, image, result, frame, localizer) : null;
        Write(LocalizationJson.Line(image.Path, result, localizer.NcutDetails, picturesError));
        progress.ImageFinished(failed: false);
    }

    public void Failed(RunImage image, string reason)
    {
        Record(ImageResultRecord.Failure(image.Key, reason));
        failures.Add((image.Path, reason));
        Write(LocalizationJson.ErrorLine(image.Path, reason));
        progress.ImageFinished(failed: true);
    }

    private void Record(ImageResultRecord record)
    {
        if (journal is not null)
        {
            OutputWrites.Guard("--output", journal.FilePath, () => journal.Record(record));
        }
    }

    /// <summary>Draws the image's pictures; returns why they could not be written, or null.</summary>
    private static string? DrawPictures(VisualizationKind kind, string folder, RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer)
    {
        try
        {
            RunPictures.Draw(kind, folder, image, result, frame, localizer);
            return null;
        }
        catch (LostInputException e)
        {
            // The image's result is finished and kept; a picture of it that cannot be written ends nothing else.
            return e.Message;
        }
    }

    private void Write(string line)
    {
        lines?.WriteLine(line);
        if (log is not null)
        {
            OutputWrites.Guard("--log", log.Path, () => log.WriteLine(line));
        }
    }

    private static BoundingBox ToBoundingBox(PixelBox box) => new(box.X1, box.Y1, box.X2, box.Y2);

    private static BoundingBox[] ObjectBoxes(ReadOnlySpan<MaskCutObject> found, in LocalizationResult result)
    {
        var boxes = new BoundingBox[found.Length];
        for (int i = 0; i < found.Length; i++)
        {
            boxes[i] = ToBoundingBox(result.ToImagePixels(found[i].Box));
        }
        return boxes;
    }
}
