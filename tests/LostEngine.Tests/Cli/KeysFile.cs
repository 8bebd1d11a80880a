using LostEngine.IO;

namespace LostEngine.Tests.Cli;

/// <summary>Saves keys as <c>lost keys</c> reads them, optionally behind a CLS row as a ViT outputs them.</summary>
internal static class KeysFile
{
    /// <summary>
    /// Writes <paramref name="keys"/> (N × <paramref name="dim"/>) to <paramref name="path"/> as (N, d), or with
    /// <paramref name="withCls"/> as (1, N + 1, d) whose first row is a CLS token of large values that must not
    /// influence the answer.
    /// </summary>
    public static void Write(string path, float[] keys, int dim, bool withCls)
    {
        int n = keys.Length / dim;
        if (!withCls)
        {
            NpyWriter.WriteFloat32(path, keys, [n, dim]);
            return;
        }
        var rows = new float[keys.Length + dim];
        rows.AsSpan(0, dim).Fill(1000f);
        keys.CopyTo(rows, dim);
        NpyWriter.WriteFloat32(path, rows, [1, n + 1, dim]);
    }
}
