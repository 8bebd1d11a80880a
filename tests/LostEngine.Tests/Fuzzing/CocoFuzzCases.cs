using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace LostEngine.Tests.Fuzzing;

/// <summary>A fuzzed COCO annotations file and, for some cases, an image list selecting from it.</summary>
public sealed record CocoSetInput(CocoInput Annotations, string[]? ImageList)
{
    public override string ToString() =>
        $"{Annotations}{(ImageList is null ? "" : $"; image list [{string.Join(" | ", ImageList)}]")}; text {Encoding.UTF8.GetString(Annotations.Bytes)}";
}

/// <summary>
/// Generators of broken COCO annotations: documents assembled from right and wrong JSON values (numbers beyond
/// float64 and int64, strings with lone surrogates or NULs, wrong types, deep nesting), some of them byte-mutated.
/// </summary>
public static class CocoFuzzCases
{
    private static readonly string[] OddIds =
        ["-1", "1.5", "1e2", "\"3\"", "null", "9223372036854775807", "9223372036854775808", "1e400", "true", "[]", "{}"];

    private static readonly string[] OddNames =
        ["\"\"", "\"\\ud800.jpg\"", "\"a\\u0000b.jpg\"", "\"../x.jpg\"", "\"/abs/x.jpg\"", "5", "null", "\"x\\\\y.jpg\"", "\"\\udc00\""];

    private static readonly string[] Sizes = ["100", "0", "-5", "1e400", "1e-400", "\"100\"", "null", "1.5e308", "[]", "-1e400"];

    private static readonly string[] Boxes =
    [
        "[0, 0, 10, 10]", "[0.5, 1.5, 10, 10]", "[1e308, 0, 1e308, 1]", "[1e400, 0, 1, 1]", "[-1e308, 0, -1e308, 1]", "[]",
        "[1, 2, 3]", "[1, 2, 3, 4, 5]", "\"bad\"", "[null, 0, 1, 1]", "[[1], 0, 1, 1]", "[\"1\", 0, 1, 1]", "null",
        "[1e-400, 0, 1, 1]", "[4.5, 4.5, 0.0, 0.0]", "[9007199254740993, 0, 1, 1]", "[0, 0, 1e300, 1e300]",
    ];

    private static readonly string[] CrowdFlags = ["0", "1", "2", "true", "false", "\"1\"", "null", "0.0", "1e400"];

    private static Gen<string> Value(Gen<string> usual, string[] odd) => Gen.Frequency((4, usual), (1, Gen.Elements(odd)));

    private static Gen<string> Property(string name, Gen<string> value) =>
        from text in value
        from present in Gen.Frequency((12, Gen.Constant(true)), (1, Gen.Constant(false)))
        select present ? $"\"{name}\": {text}" : "";

    private static string Object(params string[] properties) => "{" + string.Join(", ", properties.Where(p => p.Length > 0)) + "}";

    private static Gen<string> ImageEntry { get; } =
        from id in Value(Gen.Choose(1, 5).Select(i => i.ToString()), OddIds)
        from name in Value(Gen.Choose(1, 5).Select(i => $"\"COCO_train2014_{i:D12}.jpg\""), OddNames)
        from width in Value(Gen.Constant("100"), Sizes)
        from height in Value(Gen.Constant("80"), Sizes)
        from idProperty in Property("id", Gen.Constant(id))
        from nameProperty in Property("file_name", Gen.Constant(name))
        select Object(idProperty, nameProperty, $"\"width\": {width}", $"\"height\": {height}");

    private static Gen<string> AnnotationEntry { get; } =
        from imageId in Value(Gen.Choose(1, 6).Select(i => i.ToString()), OddIds)
        from box in Value(Gen.Elements("[1, 2, 30, 40]", "[10.5, 11.5, 20, 20]"), Boxes)
        from crowd in Value(Gen.Elements("0", "0", "1"), CrowdFlags)
        from imageIdProperty in Property("image_id", Gen.Constant(imageId))
        from boxProperty in Property("bbox", Gen.Constant(box))
        from crowdProperty in Property("iscrowd", Gen.Constant(crowd))
        select Object(imageIdProperty, boxProperty, crowdProperty, "\"category_id\": 1");

    private static Gen<string> Document { get; } =
        from images in Gen.Choose(0, 5).SelectMany(n => ImageEntry.ArrayOf(n))
        from annotations in Gen.Choose(0, 6).SelectMany(n => AnnotationEntry.ArrayOf(n))
        from shape in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Choose(1, 8)))
        from depth in Gen.Choose(1, 200)
        select Shape($"[{string.Join(", ", images)}]", $"[{string.Join(", ", annotations)}]", shape, depth);

    // Each shape keeps the arrays but changes what surrounds them; only the plain one is a usable document.
    private static string Shape(string images, string annotations, int shape, int depth) => shape switch
    {
        0 => $"{{\"images\": {images}, \"annotations\": {annotations}, \"categories\": [{{\"id\": 1}}]}}",
        1 => $"[{images}, {annotations}]",
        2 => $"{{\"images\": {images}}}",
        3 => $"{{\"images\": {{}}, \"annotations\": {annotations}}}",
        4 => $"{{\"images\": {images}, \"annotations\": {annotations}, \"deep\": {new string('[', depth)}{new string(']', depth)}}}",
        5 => $"{{\"images\": {images}, \"annotations\": {annotations},}}",
        6 => $"// comment\n{{\"images\": {images}, \"annotations\": {annotations}}}",
        7 => $"{{\"images\": {images}, \"images\": [], \"annotations\": {annotations}}}",
        _ => $"{{\"images\": {images}, \"annotations\": {annotations}",
    };

    private static Gen<string[]?> ImageList { get; } = Gen.Frequency(
        (3, Gen.Constant<string[]?>(null)),
        (1, Gen.Elements("COCO_train2014_000000000001.jpg", "train/COCO_train2014_000000000002.jpg", "", "x_3.jpg",
                "a_99999999999999999999.jpg", "\u00e9", "_.jpg", "COCO_train2014_000000000001.jpg")
            .ArrayOf().Select(lines => (string[]?)lines)));

    public static Gen<CocoSetInput> Sets { get; } =
        from document in Document
        from mutate in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from mutations in ByteMutation.Several
        from bom in Gen.Frequency((9, Gen.Constant(false)), (1, Gen.Constant(true)))
        from list in ImageList
        select new CocoSetInput(Encode(document, mutate ? mutations : [], bom), list);

    private static CocoInput Encode(string document, ByteMutation[] mutations, bool bom)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(document);
        if (bom)
        {
            bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        }
        return new CocoInput($"{(bom ? "BOM, " : "")}mutated [{string.Join(", ", mutations)}]", ByteMutation.ApplyAll(bytes, mutations));
    }
}
