using System.Text;

namespace LostEngine.Native;

/// <summary>
/// The CBLAS library the resolver kept, with everything a report needs to say which one it is and
/// how it was set up. It stays loaded for the life of the process.
/// </summary>
public sealed class BlasLibrary
{
    internal BlasLibrary(
        BlasCandidate candidate,
        string? file,
        CblasApi api,
        IReadOnlyList<BlasLoadAttempt> attempts,
        string threadNote,
        string coreTypeNote)
    {
        Candidate = candidate;
        File = file;
        Api = api;
        Attempts = attempts;
        ThreadNote = threadNote;
        CoreTypeNote = coreTypeNote;
    }

    /// <summary>The name or path that loaded.</summary>
    public BlasCandidate Candidate { get; }

    /// <summary>The file the loader actually mapped, after links; null where the platform cannot tell.</summary>
    public string? File { get; }

    /// <summary>The bound entry points.</summary>
    public CblasApi Api { get; }

    /// <summary>Every candidate tried, in order, ending with the one that loaded.</summary>
    public IReadOnlyList<BlasLoadAttempt> Attempts { get; }

    /// <summary>How the library's own threading was set at load.</summary>
    public string ThreadNote { get; }

    /// <summary>What the resolver did about OPENBLAS_CORETYPE, and why.</summary>
    public string CoreTypeNote { get; }

    /// <summary>A few lines for logs and the command line's environment report.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append("CBLAS: ").Append(Api.Family switch
        {
            BlasFamily.OpenBlas => "OpenBLAS",
            BlasFamily.Mkl => "Intel MKL",
            BlasFamily.Generic => "generic CBLAS",
            _ => throw new InvalidOperationException($"Unknown BLAS family {Api.Family}."),
        });
        text.Append(" from ").Append(Candidate.Name);
        if (File is not null && File != Candidate.Name)
        {
            text.Append(" (").Append(File).Append(')');
        }

        text.AppendLine();
        if (Api.Configuration is { } configuration)
        {
            text.Append("  build: ").AppendLine(configuration);
        }

        if (Api.CoreName is { } core)
        {
            text.Append("  kernels: ").AppendLine(core);
        }

        text.Append("  threads: ").AppendLine(ThreadNote);
        text.Append("  OPENBLAS_CORETYPE: ").AppendLine(CoreTypeNote);
        text.Append("  tried: ").Append(string.Join("; ", Attempts));
        return text.ToString();
    }
}
