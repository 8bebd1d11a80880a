using FsCheck.Xunit;
using LostEngine.Kernel;

namespace LostEngine.Tests.Kernel;

/// <summary>A property over kernel cases that is skipped, with the reason, where the CPU lacks the width.</summary>
public sealed class KernelPropertyAttribute : PropertyAttribute
{
    public KernelPropertyAttribute(KernelWidth width)
    {
        Arbitrary = [typeof(KernelArbitraries)];
        if (!KernelWidthSelector.IsSupported(width))
        {
            Skip = $"{width} is not accelerated on this CPU (best: {KernelWidthSelector.Best}); that path runs on a machine that has it.";
        }
    }
}

/// <summary>A fact that is skipped, with the reason, where the CPU lacks the width.</summary>
public sealed class WidthFactAttribute : FactAttribute
{
    public WidthFactAttribute(KernelWidth width)
    {
        if (!KernelWidthSelector.IsSupported(width))
        {
            Skip = $"{width} is not accelerated on this CPU (best: {KernelWidthSelector.Best}); that path runs on a machine that has it.";
        }
    }
}

/// <summary>A property over kernel cases for the CBLAS backend, skipped with the loader's reason where no CBLAS library loads.</summary>
public sealed class CblasPropertyAttribute : PropertyAttribute
{
    public CblasPropertyAttribute()
    {
        Arbitrary = [typeof(KernelArbitraries)];
        Skip = LostEngine.Tests.Native.BlasProbe.SharedSkipReason;
    }
}
