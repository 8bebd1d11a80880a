using System.Text.Json;
using LostEngine.Kernel;

namespace LostEngine.Cli;

/// <summary>How the kernel's answers read in the tool's JSON: boxes as arrays, masks as sorted cell indices, a cut's spectrum.</summary>
internal static class KernelJson
{
    /// <summary>A pixel box as <c>[x1, y1, x2, y2]</c>.</summary>
    public static void WriteBox(this Utf8JsonWriter json, string name, PixelBox box) => json.WriteIntArray(name, [box.X1, box.Y1, box.X2, box.Y2]);

    /// <summary>A cell box as the reference orders it, <c>[ymin, xmin, ymax, xmax]</c>.</summary>
    public static void WriteCellBox(this Utf8JsonWriter json, string name, CellBox cells) =>
        json.WriteIntArray(name, [cells.YMin, cells.XMin, cells.YMax, cells.XMax]);

    /// <summary>
    /// LOST's and TokenCut's answer: <c>object</c>, then with an object its <c>seed</c>, <c>box</c>, <c>box_patches</c>
    /// and <c>component_size</c>, without one the <c>reason</c>.
    /// </summary>
    public static void WriteSeededBox(this Utf8JsonWriter json, bool hasObject, int seed, PixelBox box, CellBox cells, int componentSize, string reason)
    {
        json.WriteBoolean("object", hasObject);
        if (hasObject)
        {
            json.WriteNumber("seed", seed);
            json.WriteBox("box", box);
            json.WriteCellBox("box_patches", cells);
            json.WriteNumber("component_size", componentSize);
        }
        else
        {
            json.WriteString("reason", reason);
        }
    }

    /// <summary>The cells whose entry in <paramref name="values"/> equals <paramref name="value"/>, ascending.</summary>
    public static void WriteCells<T>(this Utf8JsonWriter json, string name, ReadOnlySpan<T> values, T value)
        where T : IEquatable<T>
    {
        json.WriteStartArray(name);
        for (int cell = 0; cell < values.Length; cell++)
        {
            if (values[cell].Equals(value))
            {
                json.WriteNumberValue(cell);
            }
        }
        json.WriteEndArray();
    }

    /// <summary>
    /// <c>ncut_value</c> (λ₂) and <c>eigengap</c> (λ₃ − λ₂) whenever the solver ran: also for "no clear cut",
    /// where they say how close the two eigenvalues came; not for too few patches, where it never ran.
    /// </summary>
    public static void WriteSpectrum(this Utf8JsonWriter json, in TokenCutResult result)
    {
        if (result.Reason == NoObjectReason.TooFewPatches)
        {
            return;
        }
        WriteFinite(json, "ncut_value", result.NcutValue);
        WriteFinite(json, "eigengap", result.Eigengap);
    }

    // JSON has no NaN or infinity; a solver that gave up on a value reports it as null rather than failing the output.
    private static void WriteFinite(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
