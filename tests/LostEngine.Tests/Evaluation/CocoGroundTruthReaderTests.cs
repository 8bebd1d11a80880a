using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class CocoGroundTruthReaderTests
{
    private static GroundTruthSet Read(TempFolder folder, string? list = null)
    {
        (string annotations, string images) = CocoFixture.Create(folder);
        return CocoGroundTruthReader.Read(new CocoGroundTruthOptions(annotations, images, list));
    }

    [Fact]
    public void Annotations_that_are_a_fifo_are_refused_not_read_for_ever()
    {
        using var folder = new TempFolder();
        (string annotations, string images) = CocoFixture.Create(folder);
        File.Delete(annotations);
        Runs.SpecialFiles.MakeFifo(annotations);

        var error = Assert.Throws<LostInputException>(() => CocoGroundTruthReader.Read(new CocoGroundTruthOptions(annotations, images)));

        Assert.Equal(annotations, error.InputName);
        Assert.StartsWith("is not a regular file but a FIFO", error.Problem);
    }

    [Fact]
    public void Corners_are_rounded_half_to_even_after_adding_the_size()
    {
        using var folder = new TempFolder();
        GroundTruthImage first = Read(folder).Images[0];
        // [0.5, 1.5, 0.5 + 10, 1.5 + 10] -> [0, 2, 10, 12]; the crowd box of the image is gone.
        Assert.Equal([new BoundingBox(0, 2, 10, 12)], first.Boxes);
        Assert.Equal("1", first.Key);
        Assert.Equal("COCO_train2014_000000000001.jpg", first.FileName);
    }

    [Fact]
    public void Only_crowd_and_no_annotation_images_stay_as_boxless_and_malformed_ones_as_unreadable()
    {
        using var folder = new TempFolder();
        GroundTruthSet set = Read(folder);
        Assert.Equal(["1", "2", "3", "4", "6"], set.Images.Select(i => i.Key));
        GroundTruthImage crowdOnly = set.Images[1], unannotated = set.Images[2], malformed = set.Images[3];
        Assert.Equal(GroundTruthStatus.Evaluated, crowdOnly.Status);
        Assert.Empty(crowdOnly.Boxes);
        Assert.Equal(GroundTruthStatus.Evaluated, unannotated.Status);
        Assert.Contains(set.Issues, i => i.Item == "3" && i.Kind == EvaluationIssueKind.NoAnnotation);
        Assert.Equal(GroundTruthStatus.Unreadable, malformed.Status);
        Assert.Contains(set.Issues, i => i.Item.EndsWith("images[4]") && i.Kind == EvaluationIssueKind.AnnotationMalformed);
        Assert.Contains(set.Issues, i => i.Item.EndsWith("annotations[5]") && i.Reason.Contains("99"));
    }

    [Fact]
    public void An_image_list_selects_by_file_name_and_reports_names_it_cannot_find()
    {
        using var folder = new TempFolder();
        string list = folder.Write("coco20k.txt", "train2014/COCO_train2014_000000000006.jpg\nCOCO_train2014_000000000001.jpg\n\nCOCO_train2014_000000000777.jpg\n");
        GroundTruthSet set = Read(folder, list);
        Assert.Equal(["1", "6"], set.Images.Select(i => i.Key));
        Assert.Contains(set.Issues, i => i.Kind == EvaluationIssueKind.ImageNotInAnnotations && i.Item == list + ":4");
        Assert.DoesNotContain(set.Issues, i => i.Item == "3");
    }

    [Theory]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("{\"images\": [], \"annotations\": 3}", "\"annotations\"")]
    [InlineData("{\"images\": [", "not valid JSON")]
    public void An_unusable_annotations_file_is_a_typed_error_naming_it(string content, string expected)
    {
        using var folder = new TempFolder();
        string path = folder.Write("bad.json", content);
        var error = Assert.Throws<LostInputException>(() => CocoGroundTruthReader.Read(new CocoGroundTruthOptions(path, folder.Path)));
        Assert.Equal(path, error.InputName);
        Assert.Contains(expected, error.Problem);
    }

    [Fact]
    public void A_file_name_that_is_not_valid_text_is_a_malformed_entry()
    {
        // Found by fuzzing: a lone surrogate escape made JsonElement.GetString throw InvalidOperationException.
        using var folder = new TempFolder();
        string path = folder.Write("instances.json", """
            {"images": [{"id": 1, "file_name": "\ud800"}, {"id": 2, "file_name": "b.jpg"}], "annotations": []}
            """);

        GroundTruthSet set = CocoGroundTruthReader.Read(new CocoGroundTruthOptions(path, folder.Path));

        Assert.Equal(["2"], set.Images.Select(i => i.Key));
        Assert.Contains(set.Issues, i => i.Item.EndsWith("images[0]") && i.Kind == EvaluationIssueKind.AnnotationMalformed);
    }

    [Theory]
    [InlineData("[1e400, 0, 1, 1]")]
    [InlineData("[1e308, 0, 1e308, 1]")]
    public void A_box_whose_corner_is_beyond_float64_is_malformed(string bbox)
    {
        // Found by fuzzing: the box was kept with an infinite corner; the reference's int(round(x + w)) raises there.
        using var folder = new TempFolder();
        string path = folder.Write("instances.json",
            $$"""{"images": [{"id": 1, "file_name": "a.jpg"}], "annotations": [{"image_id": 1, "bbox": {{bbox}}}]}""");

        GroundTruthImage image = Assert.Single(CocoGroundTruthReader.Read(new CocoGroundTruthOptions(path, folder.Path)).Images);

        Assert.Equal(GroundTruthStatus.Unreadable, image.Status);
        Assert.Contains("\"bbox\"", image.Reason);
        Assert.Empty(image.Boxes);
    }
}
