using LostEngine.Pipeline;

namespace LostEngine.Runs;

/// <summary>
/// Receives each image of a dataset run as soon as it is finished, on the model thread, in the order of
/// the image list. What it writes (logs, journal, predictions, pictures) is its own business.
/// </summary>
public interface IRunSink
{
    /// <summary>The image was localized. <paramref name="frame"/> and the localizer's details are valid only during the call.</summary>
    void Localized(RunImage image, in LocalizationResult result, RunFrame frame, LostLocalizer localizer);

    /// <summary>The image could not be read, decoded or run; the run goes on with the next one.</summary>
    void Failed(RunImage image, string reason);
}
