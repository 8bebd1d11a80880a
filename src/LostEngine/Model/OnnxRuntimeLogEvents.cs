using System.Diagnostics.Tracing;

namespace LostEngine.Model;

/// <summary>
/// ONNX Runtime's own log messages, as events of the <c>LostEngine-OnnxRuntime</c> event source: listen with an
/// <see cref="EventListener"/> or <c>dotnet-trace --providers LostEngine-OnnxRuntime</c>. One event per severity, so a
/// listener's level filters them as it filters any .NET event.
/// </summary>
[EventSource(Name = SourceName)]
internal sealed class OnnxRuntimeLogEvents : EventSource
{
    /// <summary>The event source's name, what a listener enables.</summary>
    public const string SourceName = "LostEngine-OnnxRuntime";

    public static OnnxRuntimeLogEvents Log { get; } = new();

    private OnnxRuntimeLogEvents()
    {
    }

    [Event(1, Level = EventLevel.Verbose)]
    public void Verbose(string category, string location, string message) => WriteEvent(1, category, location, message);

    [Event(2, Level = EventLevel.Informational)]
    public void Info(string category, string location, string message) => WriteEvent(2, category, location, message);

    [Event(3, Level = EventLevel.Warning)]
    public void Warning(string category, string location, string message) => WriteEvent(3, category, location, message);

    [Event(4, Level = EventLevel.Error)]
    public void Error(string category, string location, string message) => WriteEvent(4, category, location, message);

    [Event(5, Level = EventLevel.Critical)]
    public void Fatal(string category, string location, string message) => WriteEvent(5, category, location, message);
}
