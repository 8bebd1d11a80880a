using LostEngine.Datasets;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class VocGroundTruthReaderTests
{
    [Fact]
    public void Boxes_take_one_off_the_minima_and_keep_the_maxima()
    {
        using var folder = new TempFolder();
        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(VocFixture.Create(folder)));
        GroundTruthImage first = set.Images[0];
        Assert.Equal("000001.jpg", first.Key);
        Assert.Equal([new BoundingBox(10, 20, 50, 60), new BoundingBox(60, 60, 100, 100)], first.Boxes);
        Assert.Equal([new BoundingBox(0, 0, 40, 40)], set.Images[1].Boxes);
        Assert.Equal(1, first.NumericId);
    }

    [Fact]
    public void An_annotation_that_is_a_fifo_is_an_unreadable_image_not_a_read_that_waits_for_ever()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        string fifo = Path.Combine(root, "Annotations", "000002.xml");
        File.Delete(fifo);
        Runs.SpecialFiles.MakeFifo(fifo);

        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(root));

        Assert.Equal(GroundTruthStatus.Unreadable, set.Images[1].Status);
        Assert.Contains(set.Issues, i => i.Kind == EvaluationIssueKind.AnnotationMalformed && i.Reason.Contains($"annotation {fifo} is not a regular file but a FIFO"));
        Assert.Equal(GroundTruthStatus.Evaluated, set.Images[0].Status);
    }

    [Fact]
    public void Every_object_keeps_its_class_and_difficult_flag_as_parse_rec_reads_them()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        VocFixture.WriteAnnotation(folder, "000007", 100, 100,
            "<object><name> cat</name><difficult> 2 </difficult><bndbox><xmin>1</xmin><ymin>2</ymin><xmax>3</xmax><ymax>4</ymax></bndbox></object>",
            "<object><name>dog</name><difficult>yes</difficult><bndbox><xmin>5</xmin><ymin>6</ymin><xmax>7</xmax><ymax>8</ymax></bndbox></object>",
            "<object><bndbox><xmin>5</xmin><ymin>6</ymin><xmax>7</xmax><ymax>8</ymax></bndbox></object>");
        folder.Write("VOCdevkit/VOC2007/ImageSets/Main/trainval.txt", "000001\n000002\n000007\n");

        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(root));

        Assert.Equal([("thing", (bool?)false), ("thing", false)], set.Images[0].Voc!.Objects.Select(o => (o.Name, o.Difficult)));
        Assert.Equal(true, set.Images[1].Voc!.Objects[0].Difficult);
        VocAnnotation seventh = set.Images[2].Voc!;
        Assert.Equal(("000007", Path.Combine(root, "Annotations", "000007.xml")), (seventh.Id, seventh.Path));
        Assert.Equal([(" cat", (bool?)true), ("dog", null), (null, null)], seventh.Objects.Select(o => (o.Name, o.Difficult)));
        Assert.Equal(new BoundingBox(0, 1, 3, 4), seventh.Objects[0].Box);
        Assert.Null(VocGroundTruthReader.Read(new VocGroundTruthOptions(root, NoHard: true)).Images[0].Voc);
    }

    [Fact]
    public void Every_listed_image_is_kept_and_broken_ones_are_unreadable_with_a_reason()
    {
        using var folder = new TempFolder();
        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(VocFixture.Create(folder)));
        Assert.Equal(6, set.Images.Count);
        Assert.Equal(
            [GroundTruthStatus.Evaluated, GroundTruthStatus.Evaluated, GroundTruthStatus.Unreadable,
             GroundTruthStatus.Unreadable, GroundTruthStatus.Unreadable, GroundTruthStatus.Evaluated],
            set.Images.Select(i => i.Status));
        Assert.Contains(set.Issues, i => i.Item == "000003" && i.Kind == EvaluationIssueKind.AnnotationMalformed);
        Assert.Contains(set.Issues, i => i.Item == "000004" && i.Kind == EvaluationIssueKind.AnnotationMissing);
        Assert.Contains(set.Issues, i => i.Item == "000005" && i.Kind == EvaluationIssueKind.AnnotationMalformed && i.Reason.Contains("abc"));
        Assert.Contains(set.Issues, i => i.Item == "000006.jpg" && i.Kind == EvaluationIssueKind.BoxOutsideImage);
        Assert.Equal([new BoundingBox(0, 0, 120, 50)], set.Images[5].Boxes);
    }

    [Fact]
    public void No_hard_drops_truncated_and_difficult_objects_and_excludes_images_left_empty()
    {
        using var folder = new TempFolder();
        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(VocFixture.Create(folder), NoHard: true));
        Assert.Equal([new BoundingBox(10, 20, 50, 60)], set.Images[0].Boxes);
        Assert.Equal(GroundTruthStatus.Excluded, set.Images[1].Status);
        Assert.EndsWith("-nohards", set.Name);
    }

    [Fact]
    public void A_missing_image_file_is_reported_but_the_image_is_still_scored()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        File.Delete(Path.Combine(root, "JPEGImages", "000001.jpg"));
        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(root));
        Assert.Contains(set.Issues, i => i.Item == "000001.jpg" && i.Kind == EvaluationIssueKind.ImageMissing);
        Assert.Equal(GroundTruthStatus.Evaluated, set.Images[0].Status);
    }

    [Fact]
    public void A_document_type_definition_is_refused_not_expanded()
    {
        using var folder = new TempFolder();
        string root = VocFixture.Create(folder);
        folder.Write("VOCdevkit/VOC2007/Annotations/000001.xml",
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x \"1\">]><annotation><filename>000001.jpg</filename></annotation>");
        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(root));
        Assert.Equal(GroundTruthStatus.Unreadable, set.Images[0].Status);
    }

    [Fact]
    public void An_annotation_is_read_from_the_file_its_id_names_even_when_the_id_looks_like_a_uri_escape()
    {
        // Found by fuzzing: the annotation path was handed to XmlReader as a URI, which unescapes "%41" to "A", so a
        // valid annotation was unreadable, or, as here, another file was read in its place.
        const string id = "a%41", decoy = "aA";
        using var folder = new TempFolder();
        folder.Write($"VOC/ImageSets/Main/trainval.txt", id + "\n");
        VocFixture.WriteAnnotation(folder, "VOC", id, 100, 100, VocFixture.Object(1, 1, 10, 10));
        VocFixture.WriteAnnotation(folder, "VOC", decoy, 100, 100, VocFixture.Object(50, 50, 60, 60));

        GroundTruthSet set = VocGroundTruthReader.Read(new VocGroundTruthOptions(Path.Combine(folder.Path, "VOC")));

        GroundTruthImage image = Assert.Single(set.Images);
        Assert.Equal(GroundTruthStatus.Evaluated, image.Status);
        Assert.Equal($"{id}.jpg", image.Key);
        Assert.Equal([new BoundingBox(0, 0, 10, 10)], image.Boxes);
    }

    [Fact]
    public void A_missing_root_or_set_file_is_a_typed_error_naming_the_path()
    {
        using var folder = new TempFolder();
        string missing = Path.Combine(folder.Path, "nowhere");
        var rootError = Assert.Throws<LostInputException>(() => VocGroundTruthReader.Read(new VocGroundTruthOptions(missing)));
        Assert.Equal(missing, rootError.InputName);
        string root = VocFixture.Create(folder);
        var setError = Assert.Throws<LostInputException>(() => VocGroundTruthReader.Read(new VocGroundTruthOptions(root, "test")));
        Assert.EndsWith("test.txt", setError.InputName);
    }
}
