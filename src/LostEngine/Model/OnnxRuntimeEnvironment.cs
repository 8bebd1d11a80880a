using Microsoft.ML.OnnxRuntime;

namespace LostEngine.Model;

/// <summary>
/// The process's one ONNX Runtime environment, created by the engine before its first session so that the runtime
/// logs through <see cref="OnnxRuntimeLogEvents"/>. ONNX Runtime's default sink writes multi-line, colour-coded text
/// to stderr, which interleaves with a host's own output and breaks the command line's one-line errors; what a
/// failure means reaches the caller as an exception anyway.
/// </summary>
internal static class OnnxRuntimeEnvironment
{
    // Held here as well as by OrtEnv: the native side calls back into it for the life of the process.
    private static readonly DOrtLoggingFunction Forward = ForwardToEvents;
    private static readonly Lazy<OrtEnv> Environment = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The environment; created on first use. Everything that creates ONNX Runtime objects goes through here first.</summary>
    public static OrtEnv Instance => Environment.Value;

    /// <summary>
    /// Whether the engine created the environment and so owns its log. False when the host created one before the
    /// engine's first model: the host then chose where the runtime logs, and the engine leaves that alone.
    /// </summary>
    public static bool RoutesLog { get; private set; }

    private static OrtEnv Create()
    {
        if (OrtEnv.IsCreated)
        {
            return OrtEnv.Instance();
        }
        var options = new EnvironmentCreationOptions
        {
            logId = "LostEngine",
            logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING,
            loggingFunction = Forward,
        };
        try
        {
            var environment = OrtEnv.CreateInstanceWithOptions(ref options);
            RoutesLog = true;
            return environment;
        }
        catch (OnnxRuntimeException) when (OrtEnv.IsCreated)
        {
            // The host created it between the check and the call.
            return OrtEnv.Instance();
        }
    }

    private static void ForwardToEvents(IntPtr param, OrtLoggingLevel severity, string category, string logId, string codeLocation, string message)
    {
        var events = OnnxRuntimeLogEvents.Log;
        switch (severity)
        {
            case OrtLoggingLevel.ORT_LOGGING_LEVEL_VERBOSE:
                events.Verbose(category, codeLocation, message);
                break;
            case OrtLoggingLevel.ORT_LOGGING_LEVEL_INFO:
                events.Info(category, codeLocation, message);
                break;
            case OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING:
                events.Warning(category, codeLocation, message);
                break;
            case OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR:
                events.Error(category, codeLocation, message);
                break;
            default:
                events.Fatal(category, codeLocation, message);
                break;
        }
    }
}
