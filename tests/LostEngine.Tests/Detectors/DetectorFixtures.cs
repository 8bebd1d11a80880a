using System.Text.Json;
using LostEngine.Tests.Evaluation;

namespace LostEngine.Tests.Detectors;

/// <summary>
/// The committed fixtures of tests/fixtures/detectors (made by its make_detector_fixtures.py from the LOST reference's
/// own scripts), and the datasets they describe laid out again on disk.
/// </summary>
internal static class DetectorFixtures
{
    private static readonly Lazy<string> Root = new(() => Path.Combine(
        Reference.ReferenceCaseFolder.RepositoryRoot
            ?? throw new DirectoryNotFoundException($"LostEngine.sln not found above {AppContext.BaseDirectory}."),
        "tests", "fixtures", "detectors"));

    public static string File(string name) => Path.Combine(Root.Value, name);

    public static JsonDocument Json(string name) => JsonDocument.Parse(System.IO.File.ReadAllText(File(name)));

    /// <summary>Writes the VOC dataset of <c>CASE/dataset.json</c> under <paramref name="folder"/>; returns its year folder.</summary>
    public static string WriteVoc(TempFolder folder, string caseName)
    {
        using JsonDocument dataset = Json($"{caseName}/dataset.json");
        var names = new List<string>();
        foreach (JsonElement image in dataset.RootElement.GetProperty("images").EnumerateArray())
        {
            string name = image.GetProperty("name").GetString()!;
            string id = name[..^4];
            names.Add(id);
            string[] objects = image.GetProperty("objects").EnumerateArray()
                .Select(o => o.EnumerateArray().Select(v => v.GetInt32()).ToArray())
                .Select(o => VocFixture.Object(o[0], o[1], o[2], o[3], truncated: o[4] == 1, difficult: o[5] == 1))
                .ToArray();
            VocFixture.WriteAnnotation(folder, "VOC2007", id, image.GetProperty("width").GetInt32(), image.GetProperty("height").GetInt32(), objects);
            folder.Write($"VOC2007/JPEGImages/{name}", "");
        }
        folder.Write("VOC2007/ImageSets/Main/trainval.txt", string.Concat(names.Select(n => n + "\n")));
        return folder.File("VOC2007");
    }

    /// <summary>Lays out the COCO image folder of <c>CASE/instances.json</c> (empty files) under <c>images/train2014</c>.</summary>
    public static (string Annotations, string Images) WriteCoco(TempFolder folder, string caseName)
    {
        using JsonDocument instances = Json($"{caseName}/instances.json");
        foreach (JsonElement image in instances.RootElement.GetProperty("images").EnumerateArray())
        {
            folder.Write($"COCO/images/train2014/{image.GetProperty("file_name").GetString()}", "");
        }
        string annotations = folder.Write("COCO/annotations/instances_train2014.json", System.IO.File.ReadAllText(File($"{caseName}/instances.json")));
        return (annotations, folder.File("COCO/images/train2014"));
    }
}
