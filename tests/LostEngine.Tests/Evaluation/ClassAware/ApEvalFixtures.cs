using System.Text.Json;
using LostEngine.Datasets;
using LostEngine.Evaluation.ClassAware;
using LostEngine.Evaluation.Detections;

namespace LostEngine.Tests.Evaluation.ClassAware;

/// <summary>
/// tests/fixtures/apeval, made by make_apeval.py with the reference's own evaluate_unsupervised_detection_voc.py:
/// generated VOC sets, detection results, and what the reference computed from them.
/// </summary>
internal static class ApEvalFixtures
{
    public static readonly string Root = Path.Combine(
        Reference.ReferenceCaseFolder.RepositoryRoot ?? throw new DirectoryNotFoundException("LostEngine.sln not found"),
        "tests", "fixtures", "apeval");

    public static TheoryData<string> Scenarios => new() { "voc07", "gaps" };

    public static string VocRoot(string scenario) => Path.Combine(Root, scenario, "VOC");

    public static string Results(string scenario) => Path.Combine(Root, scenario, "results.json");

    public static JsonElement Expected(string scenario) => Json(Path.Combine(scenario, "expected.json"));

    public static JsonElement Json(string relative)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, relative)));
        return document.RootElement.Clone();
    }

    public static ClusterEvaluation Evaluate(string scenario, int threads = 0) =>
        ClusterEvaluator.Evaluate(
            VocGroundTruthReader.Read(new VocGroundTruthOptions(VocRoot(scenario), "test")),
            DetectionResultsReader.Read(Results(scenario)),
            new ClusterEvaluationOptions { Clusters = Expected(scenario).GetProperty("num_clusters").GetInt32(), Threads = threads });

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
