using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace LostEngine.Tests.Fuzzing;

/// <summary>One annotation file of a fuzzed VOC set; <see cref="FileName"/> is set when the file is a valid annotation.</summary>
public sealed record VocAnnotation(string Id, byte[] Xml, string? FileName);

/// <summary>A fuzzed VOC set: the image-set file's lines and the annotation files written beside it.</summary>
public sealed record VocInput(string[] SetLines, VocAnnotation[] Annotations, bool NoHard)
{
    public override string ToString() =>
        $"set [{string.Join(" | ", SetLines.Select(Escaped))}], no-hard {NoHard}, annotations: "
        + string.Join("; ", Annotations.Select(a => $"{Escaped(a.Id)}{(a.FileName is null ? "" : " (valid)")} = {Escaped(Encoding.UTF8.GetString(a.Xml))}"));

    private static string Escaped(string text) => text.Length > 400 ? text[..400].ReplaceLineEndings("\\n") + "..." : text.ReplaceLineEndings("\\n");
}

/// <summary>
/// Generators of broken Pascal VOC sets: annotation XML assembled from right and wrong parts (numbers out of range,
/// missing elements, namespaces, DTDs and entities, encodings, deep nesting), some of it byte-mutated, under image
/// ids that are awkward as file names and URIs.
/// </summary>
public static class VocFuzzCases
{
    private static readonly string[] OddIds = ["a#b", "a%41", "x?y", "..", "-", "~", "a*b", "[x]", "$HOME", "a:b", "\u00fc", "a;b", "a&b", "%", "#"];

    // The reader takes what Python's int() takes within int32: a sign, digits and surrounding spaces.
    private static readonly string[] Integers = ["1", "5", "48", "100", "-1", "0", "-2147483648", "2147483647", " 5 ", "+5"];

    private static readonly string[] NotIntegers = ["2147483648", "5.0", "1e3", "", "0x10", "\u0665", "5 5", "--1"];

    private static readonly string[] Flags = ["0", "1", "", " 1 ", "yes", "2"];

    private static readonly string[] FileNames = ["a.jpg", "x y.jpg", "../up.jpg", "/rooted.jpg", "\u00e9.jpg", "a\\b.jpg", "  ", ""];

    private static Gen<string> Id { get; } = Gen.Frequency(
        (4, Gen.Choose(0, 999999).Select(n => n.ToString("D6", CultureInfo.InvariantCulture))),
        (1, Gen.Elements(OddIds)));

    private static Gen<string> Element(string name, Gen<string> values) =>
        from value in values
        from present in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        select present ? $"<{name}>{value}</{name}>" : "";

    private static Gen<(string Xml, bool Valid)> BndBox { get; } =
        from coordinates in Gen.Frequency((8, Gen.Elements(Integers)), (1, Gen.Elements(NotIntegers))).ArrayOf(4)
        from missing in Gen.Choose(-1, 12)
        select (
            "<bndbox>" + string.Concat(new[] { "xmin", "ymin", "xmax", "ymax" }.Select((n, i) => i == missing ? "" : $"<{n}>{coordinates[i]}</{n}>")) + "</bndbox>",
            (missing > 3 || missing < 0) && coordinates.All(c => Integers.Contains(c)));

    private static Gen<(string Xml, bool Valid)> Object { get; } =
        from truncated in Element("truncated", Gen.Elements(Flags))
        from difficult in Element("difficult", Gen.Elements(Flags))
        from box in BndBox
        from hasBox in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        select ($"<object><name>thing</name>{truncated}{difficult}{(hasBox ? box.Xml : "")}</object>", hasBox && box.Valid);

    private static Gen<(string Xml, string? FileName)> Annotation { get; } =
        from fileName in Gen.Frequency((4, Gen.Constant("image.jpg")), (1, Gen.Elements(FileNames)))
        from hasFileName in Gen.Frequency((9, Gen.Constant(true)), (1, Gen.Constant(false)))
        from width in Gen.Elements("100", "0", "-5", "abc", "99999999999")
        from objects in Gen.Choose(0, 4).SelectMany(n => Object.ArrayOf(n))
        from wrapper in Gen.Frequency((6, Gen.Constant(0)), (1, Gen.Choose(1, 12)))
        from depth in Gen.Choose(1, 3000)
        select Wrap(
            (hasFileName ? $"<filename>{Escape(fileName)}</filename>" : "")
            + $"<size><width>{width}</width><height>100</height></size>" + string.Concat(objects.Select(o => o.Xml)),
            wrapper, depth,
            hasFileName && fileName.Trim().Length > 0 && objects.All(o => o.Valid) ? fileName.Trim() : null);

    // Each wrapper keeps the content but changes what surrounds it; only the plain one leaves a valid annotation.
    private static (string Xml, string? FileName) Wrap(string content, int wrapper, int depth, string? fileName) => wrapper switch
    {
        0 => ($"<annotation>{content}</annotation>", fileName),
        1 => ($"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!-- c --><annotation><?pi x?>{content}<![CDATA[<x>]]></annotation>", fileName),
        2 => ($"<Annotation>{content}</Annotation>", null),
        3 => ($"<annotation xmlns=\"urn:x\">{content}</annotation>", null),
        4 => ($"<v:annotation xmlns:v=\"urn:v\">{content}</v:annotation>", null),
        5 => ($"<annotation>{content}</annotation><annotation/>", null),
        6 => ("<!DOCTYPE annotation [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
              + $"<annotation><filename>&b;</filename>{content}</annotation>", null),
        7 => ($"<!DOCTYPE annotation SYSTEM \"file:///etc/passwd\"><annotation>{content}</annotation>", null),
        8 => ($"<annotation>{content}<filename>&undefined;</filename></annotation>", null),
        9 => ($"<annotation><object>{string.Concat(Enumerable.Repeat("<object>", depth))}"
              + $"{string.Concat(Enumerable.Repeat("</object>", depth))}</object>{content}</annotation>", null),
        10 => ($"<?xml version=\"1.0\" encoding=\"utf-16\"?><annotation>{content}</annotation>", null),
        11 => ($"<annotation>{content}", null),
        _ => ($"<annotation>{content}\u0001</annotation>", null),
    };

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;");

    private static Gen<VocAnnotation> AnnotationFile { get; } =
        from id in Id
        from annotation in Annotation
        from mutate in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from mutations in ByteMutation.Several
        from bom in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        select Encode(id, annotation.Xml, mutate ? mutations : [], bom, annotation.FileName);

    private static VocAnnotation Encode(string id, string xml, ByteMutation[] mutations, bool bom, string? fileName)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        return mutations.Length == 0
            ? new VocAnnotation(id, bytes, fileName)
            : new VocAnnotation(id, ByteMutation.ApplyAll(bytes, mutations), null);
    }

    public static Gen<VocInput> Sets { get; } =
        from annotations in Gen.Choose(1, 4).SelectMany(n => AnnotationFile.ArrayOf(n))
        from extraLines in Gen.Elements("", "   ", "999999", "999999  1", "a b", "\t", "..\\x").ArrayOf(2)
        from repeat in Gen.Elements(false, true)
        from noHard in Gen.Elements(false, true)
        select new VocInput(
            [.. annotations.Select(a => a.Id), .. extraLines, .. repeat ? new[] { annotations[0].Id } : []],
            annotations.DistinctBy(a => a.Id).ToArray(),
            noHard);
}
