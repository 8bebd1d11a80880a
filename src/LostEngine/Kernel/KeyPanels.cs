using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace LostEngine.Kernel;

/// <summary>
/// The column side of the degree pass, packed once per call: the keys cut into panels of
/// <c>width</c> patches, each panel stored component-major (<c>panel[t * width + lane] = key[first + lane][t]</c>),
/// so one vector load brings component t of <c>width</c> (or width/2) patches and the micro-kernel is a pure
/// broadcast-FMA with no horizontal sums. Lanes past N are zero keys: their similarity is exactly 0, never
/// positive, so the column tail needs no mask.
/// </summary>
internal static class KeyPanels
{
    /// <summary>The widest panel any counter uses; the workspace sizes its buffer for it.</summary>
    public const int MaxWidth = 32;

    /// <summary>Floats the panels of <paramref name="n"/> keys of width <paramref name="dim"/> take.</summary>
    public static long Length(int n, int dim, int width) => (long)((n + width - 1) / width) * width * dim;

    [SkipLocalsInit]
    public static void Pack(ReadOnlySpan<float> keys, int n, int dim, int width, Span<float> panels)
    {
        ref float source = ref MemoryMarshal.GetReference(keys);
        ref float target = ref MemoryMarshal.GetReference(panels);
        int panelCount = (n + width - 1) / width;
        for (int p = 0; p < panelCount; p++)
        {
            ref float panel = ref Unsafe.Add(ref target, (nint)p * width * dim);
            int first = p * width;
            int lanes = Math.Min(width, n - first);
            for (int lane = 0; lane < lanes; lane++)
            {
                ref float key = ref Unsafe.Add(ref source, (nint)(first + lane) * dim);
                for (int t = 0; t < dim; t++)
                {
                    Unsafe.Add(ref panel, (nint)t * width + lane) = Unsafe.Add(ref key, t);
                }
            }
            for (int lane = lanes; lane < width; lane++)
            {
                for (int t = 0; t < dim; t++)
                {
                    Unsafe.Add(ref panel, (nint)t * width + lane) = 0f;
                }
            }
        }
    }
}
