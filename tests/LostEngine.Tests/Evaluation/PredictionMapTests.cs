using System.Text.Json;
using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class PredictionMapTests
{
    private static GroundTruthImage Image(string key, string fileName, long? id) =>
        new(key, fileName, fileName, id, [], GroundTruthStatus.Evaluated, null);

    [Theory]
    [InlineData("000005.jpg")]
    [InlineData("000005")]
    public void A_voc_image_is_found_by_file_name_or_stem(string key)
    {
        var map = new PredictionMap();
        map.Set(key, new BoundingBox(1, 2, 3, 4));
        ImagePrediction found = map.PredictFor(Image("000005.jpg", "000005.jpg", 5));
        Assert.Equal(PredictionStatus.Box, found.Status);
        Assert.Equal(new BoundingBox(1, 2, 3, 4), found.Box);
    }

    [Theory]
    [InlineData("139")]
    [InlineData("COCO_val2014_000000000139.jpg")]
    [InlineData("COCO_val2014_000000000139")]
    public void A_coco_image_is_found_by_id_file_name_or_stem(string key)
    {
        var map = new PredictionMap();
        map.Set(key, new BoundingBox(1, 2, 3, 4));
        Assert.Equal(PredictionStatus.Box, map.PredictFor(Image("139", "COCO_val2014_000000000139.jpg", 139)).Status);
        Assert.Equal(PredictionStatus.Missing, map.PredictFor(Image("140", "COCO_val2014_000000000140.jpg", 140)).Status);
    }

    [Theory]
    [InlineData("000005.jpg", "000005")]
    [InlineData("a/000005.jpg", "b/000005.jpg")]
    public void Two_keys_naming_one_image_with_different_boxes_are_reported(string used, string other)
    {
        var map = new PredictionMap();
        map.Set(used, new BoundingBox(1, 2, 3, 4));
        map.Set(other, new BoundingBox(9, 9, 9, 9));
        ImagePrediction found = map.PredictFor(Image("000005.jpg", "000005.jpg", 5));
        Assert.Equal(new BoundingBox(1, 2, 3, 4), found.Box);
        Assert.Equal(EvaluationIssueKind.AmbiguousPrediction, found.Issue?.Kind);
        Assert.Contains($"'{used}' is used", found.Issue!.Reason);
    }

    [Fact]
    public void An_image_is_found_under_the_path_a_folder_with_subfolders_keys_it_by()
    {
        var map = new PredictionMap();
        map.Set("val/000005.jpg", new BoundingBox(1, 2, 3, 4));
        ImagePrediction found = map.PredictFor(Image("000005.jpg", "000005.jpg", 5));
        Assert.Equal(PredictionStatus.Box, found.Status);
        Assert.Equal(new BoundingBox(1, 2, 3, 4), found.Box);
        Assert.Null(found.Issue);
        Assert.Empty(map.IssuesAfter(new GroundTruthSet("voc", [Image("000005.jpg", "000005.jpg", 5)], [])));
    }

    [Fact]
    public void An_exact_key_wins_over_a_path_key_with_the_same_file_name()
    {
        var map = new PredictionMap();
        map.Set("000005.jpg", new BoundingBox(1, 2, 3, 4));
        map.Set("other/000005.jpg", new BoundingBox(9, 9, 9, 9));
        ImagePrediction found = map.PredictFor(Image("000005.jpg", "000005.jpg", 5));
        Assert.Equal(new BoundingBox(1, 2, 3, 4), found.Box);
        Assert.Null(found.Issue);
    }

    [Fact]
    public void Written_maps_read_back_identically_with_no_object_entries()
    {
        using var folder = new TempFolder();
        var map = new PredictionMap();
        map.Set("b.jpg", new BoundingBox(0.5, 1, 30, 40.25));
        map.Set("a.jpg", null);
        string path = folder.File("out/preds.json");
        PredictionMapWriter.Write(path, map);
        PredictionMap back = PredictionMapReader.Read(path);
        Assert.Equal(map.Entries.OrderBy(e => e.Key), back.Entries.OrderBy(e => e.Key));
        Assert.Equal("""{"a.jpg":null,"b.jpg":[0.5,1,30,40.25]}""", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("""{"a.jpg": [1, 2, 3]}""", "key \"a.jpg\"")]
    [InlineData("""{"a.jpg": [1, 2, 3, "4"]}""", "key \"a.jpg\"")]
    [InlineData("""{"a.jpg": {"x": 1}}""", "key \"a.jpg\"")]
    [InlineData("""{"a.jpg": [1, 2, 3, 4], "a.jpg": null}""", "more than once")]
    [InlineData("""[[1, 2, 3, 4]]""", "JSON object")]
    [InlineData("""{"a.jpg": [1, 2""", "not valid JSON")]
    public void Malformed_prediction_files_are_typed_errors_naming_the_file_and_key(string content, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.Write("preds.json", content);
        var error = Assert.Throws<LostInputException>(() => PredictionMapReader.Read(path));
        Assert.Equal(path, error.InputName);
        Assert.Contains(expected, error.Problem);
    }

    [Fact]
    public void Coco_results_hold_xywh_boxes_with_the_chosen_category_and_score()
    {
        using var folder = new TempFolder();
        string path = folder.File("results.json");
        CocoResultsWriter.Write(path, [(139L, new BoundingBox(10, 20, 50, 80))], categoryId: 7, score: 0.5);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement detection = Assert.Single(document.RootElement.EnumerateArray());
        Assert.Equal(139, detection.GetProperty("image_id").GetInt64());
        Assert.Equal(7, detection.GetProperty("category_id").GetInt32());
        Assert.Equal([10.0, 20.0, 40.0, 60.0], detection.GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(0.5, detection.GetProperty("score").GetDouble());
    }

    [Fact]
    public void Coco_detections_keep_their_order_and_their_own_scores()
    {
        using var folder = new TempFolder();
        string path = folder.File("results.json");
        CocoResultsWriter.Write(path, [new CocoDetection(5, new BoundingBox(0, 0, 4, 4), 1.0), new CocoDetection(5, new BoundingBox(1, 1, 2, 3), 0.5),
            new CocoDetection(2, new BoundingBox(3, 3, 9, 9), 1.0)]);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        var detections = document.RootElement.EnumerateArray().ToArray();
        Assert.Equal([5L, 5L, 2L], detections.Select(d => d.GetProperty("image_id").GetInt64()));
        Assert.Equal([1.0, 0.5, 1.0], detections.Select(d => d.GetProperty("score").GetDouble()));
        Assert.Equal([1.0, 1.0, 1.0, 2.0], detections[1].GetProperty("bbox").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(1, detections[1].GetProperty("category_id").GetInt32());
    }

    [Fact]
    public void A_score_that_is_not_finite_is_refused_before_anything_is_written()
    {
        using var folder = new TempFolder();
        string path = folder.File("results.json");
        var error = Assert.Throws<LostInputException>(() =>
            CocoResultsWriter.Write(path, [new CocoDetection(5, new BoundingBox(0, 0, 4, 4), double.NaN)]));
        Assert.Equal("score", error.InputName);
        Assert.False(File.Exists(path));
    }
}
