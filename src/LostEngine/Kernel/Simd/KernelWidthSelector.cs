using System.Runtime.Intrinsics;

namespace LostEngine.Kernel;

/// <summary>
/// Resolves <see cref="KernelWidth.Auto"/> to a concrete width: the environment variable
/// <c>LOSTENGINE_KERNEL=v512|v256|scalar</c> forces one (so tests and benchmarks can run every path on
/// one machine), otherwise the widest the hardware accelerates wins.
/// </summary>
public static class KernelWidthSelector
{
    /// <summary>The environment variable that forces a width.</summary>
    public const string EnvironmentVariable = "LOSTENGINE_KERNEL";

    private static KernelWidth? s_default;

    /// <summary>The width <see cref="KernelWidth.Auto"/> means on this machine and process.</summary>
    /// <exception cref="LostInputException">The environment variable names an unknown width or one this CPU lacks.</exception>
    // Read on first use rather than in a static initializer: a bad value must reach the caller as the
    // LostInputException it is, not as a TypeInitializationException that poisons the type for good.
    public static KernelWidth Default => s_default ??= FromEnvironment(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>The widest width this CPU accelerates, ignoring the environment.</summary>
    public static KernelWidth Best =>
        Vector512.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? KernelWidth.Vector512
        : Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported ? KernelWidth.Vector256
        : KernelWidth.Scalar;

    /// <summary>Whether this CPU can run the given width.</summary>
    public static bool IsSupported(KernelWidth width) => width switch
    {
        KernelWidth.Auto or KernelWidth.Scalar => true,
        KernelWidth.Vector256 => Best >= KernelWidth.Vector256,
        KernelWidth.Vector512 => Best >= KernelWidth.Vector512,
        _ => false,
    };

    /// <summary>Turns a requested width into one this CPU runs; an unsupported explicit width is an error.</summary>
    public static KernelWidth Resolve(KernelWidth requested)
    {
        if (requested == KernelWidth.Auto)
        {
            return Default;
        }
        if (!IsSupported(requested))
        {
            throw new LostInputException("kernel_width", $"{requested} is not supported by this CPU (best: {Best}).");
        }
        return requested;
    }

    /// <summary>Parses the environment variable's value; empty means <see cref="Best"/>.</summary>
    public static KernelWidth FromEnvironment(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => Best,
        "scalar" => KernelWidth.Scalar,
        "v256" => Resolve(KernelWidth.Vector256),
        "v512" => Resolve(KernelWidth.Vector512),
        _ => throw new LostInputException(EnvironmentVariable, $"'{value}' is not one of v512, v256, scalar, auto."),
    };
}
