using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using LostEngine.Tests.IO;

namespace LostEngine.Tests.Fuzzing;

/// <summary>
/// Generators of broken .npy files: header dicts built from right and wrong Python literals, token soup, and byte
/// mutations of valid files of every version, dtype and byte order.
/// </summary>
public static class NpyFuzzCases
{
    private static readonly string[] Descrs =
    [
        "'<f4'", "'>f4'", "'<f8'", "'>f8'", "'<f2'", "'=f4'", "'|f4'", "'f4'", "'d'", "'e'", "'<i4'", "'|u1'", "'<c8'",
        "'<U3'", "'O'", "''", "'<f4", "\"<f4\"", "'\\x3cf4'", "'\\u003cf8'", "'\\x3'", "'\\u12'", "'\\q'", "'<f4\\",
        "[('a', '<f4')]", "4", "None", "True", "'<f4' '<f4'", "{'a': 1}", "'\u00e9f4'",
    ];

    private static readonly string[] FortranOrders = ["False", "True", "0", "1", "None", "'False'", "Maybe", "false", "()", "Fal"];

    private static readonly string[] OddShapeEntries =
    [
        "-1", "0", "2147483647", "2147483648", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "99999999999999999999", "3L", "1e3", "0x10", "+2", "--1", "-", "None", "'3'", "(2,)", "[2]", "True", "65536",
    ];

    private static readonly string[] Tokens =
    [
        "{", "}", "(", ")", "[", "]", ",", ":", " ", "\n", "\t", "'descr'", "'fortran_order'", "'shape'", "'<f4'",
        "False", "True", "None", "1", "-1", "0", "'", "\"", "\\", "\\x", "\\u", "L", "'a'", "9223372036854775808",
        "\u00ff", "\u0000", "#", "...",
    ];

    private static Gen<string> ShapeEntry { get; } = Gen.OneOf(
        Gen.Choose(0, 6).Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Elements(OddShapeEntries));

    private static Gen<string> Shape { get; } = Gen.OneOf(
        from n in Gen.Choose(0, 4)
        from entries in ShapeEntry.ArrayOf(n)
        from style in Gen.Choose(0, 3)
        select style switch
        {
            0 => "(" + string.Join(", ", entries) + (n == 1 ? ",)" : ")"),
            1 => "[" + string.Join(", ", entries) + "]",
            2 => "(" + string.Join(", ", entries) + ")",
            _ => "(" + string.Join(",", entries) + ",,)",
        },
        from depth in Gen.Choose(1, 80)
        select new string('(', depth) + "1," + new string(')', depth));

    private static Gen<string> Pair(string key, Gen<string> values) =>
        from keyStyle in Gen.Choose(0, 39)
        from value in values
        select keyStyle switch
        {
            0 => $"\"{key}\": {value}",
            1 => $"'{key}' {value}",
            2 => $"{key}: {value}",
            _ => $"'{key}': {value}",
        };

    private static Gen<string> StructuredDict { get; } =
        from descr in Pair("descr", Gen.Elements(Descrs))
        from fortran in Pair("fortran_order", Gen.Elements(FortranOrders))
        from shape in Pair("shape", Shape)
        from extra in Gen.Elements("", "", "", "'extra': 1", "'shape': (1,)", "1: 2", "'descr': '<f8'")
        from drop in Gen.Choose(-1, 15)
        from close in Gen.Elements("}", "}", "}", ", }", "", "}}", "} x")
        select "{" + string.Join(", ", new[] { descr, fortran, shape, extra }.Where((p, i) => i != drop && p.Length > 0)) + close;

    private static Gen<string> TokenSoup { get; } =
        Gen.Choose(1, 30).SelectMany(n => Gen.Elements(Tokens).ArrayOf(n)).Select(string.Concat);

    private static Gen<string> ValidDict { get; } =
        from descr in Gen.Elements("<f4", ">f4", "<f8", ">f2")
        from rows in Gen.Choose(0, 5)
        from cols in Gen.Choose(1, 5)
        select NpyBytes.Dict(descr, $"({rows}, {cols})");

    private static Gen<string> CharMutated { get; } =
        from dict in ValidDict
        from edits in Gen.Choose(1, 3)
        from positions in Gen.Choose(0, 1000).ArrayOf(edits)
        from characters in Gen.Elements(Tokens).ArrayOf(edits)
        select positions.Zip(characters).Aggregate(dict, (text, edit) =>
        {
            int at = edit.First % (text.Length + 1);
            return edit.First % 2 == 0 ? text.Insert(at, edit.Second) : text.Remove(Math.Min(at, text.Length - 1), 1);
        });

    /// <summary>A header dict from any of the makers, in a file of any version, followed by a few data bytes.</summary>
    public static Gen<NpyHeaderInput> Headers { get; } =
        from dict in Gen.Frequency((4, StructuredDict), (2, TokenSoup), (3, CharMutated))
        from version in Gen.Elements<(byte Major, byte Minor)>((1, 0), (1, 0), (1, 0), (2, 0), (2, 0), (3, 0), (3, 0), (3, 1), (0, 0))
        from dataLength in Gen.OneOf(Gen.Elements(0, 4, 8, 16, 24, 48, 96, 100), Gen.Choose(0, 512))
        select new NpyHeaderInput($"dict {dict} v{version.Major}.{version.Minor} + {dataLength} data bytes",
            NpyBytes.Build(dict, new byte[dataLength], version.Major, version.Minor));

    /// <summary>A valid file of random version, dtype, byte order and shape, then a few byte mutations.</summary>
    public static Gen<NpyFileInput> Bodies { get; } =
        from descr in Gen.Elements("<f4", ">f4", "<f8", ">f8", "<f2", ">f2")
        from rows in Gen.Choose(0, 12)
        from cols in Gen.Choose(1, 12)
        from major in Gen.Elements<byte>(1, 2, 3)
        from mutations in ByteMutation.Several
        select Mutated(descr, rows, cols, major, mutations);

    private static NpyFileInput Mutated(string descr, int rows, int cols, byte major, ByteMutation[] mutations)
    {
        int size = descr[^1] - '0';
        var data = new byte[rows * cols * size];
        new Random(rows * 31 + cols).NextBytes(data);
        var valid = NpyBytes.Build(NpyBytes.Dict(descr, $"({rows}, {cols})"), data, major);
        return new NpyFileInput($"{descr} ({rows}, {cols}) v{major}.0 mutated {string.Join(", ", mutations)}", ByteMutation.ApplyAll(valid, mutations));
    }
}
