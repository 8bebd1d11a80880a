using System.Text;
using LostEngine.Evaluation;

namespace LostEngine.Tests.Evaluation;

public class ResumeJournalTests
{
    [Fact]
    public void A_json_lines_file_that_is_a_fifo_is_refused_not_read_for_ever()
    {
        using var folder = new TempFolder();
        string path = folder.File("part.jsonl");
        Runs.SpecialFiles.MakeFifo(path);

        var error = Assert.Throws<LostInputException>(() => JsonLinesReader.Read(path));

        Assert.Equal(path, error.InputName);
        Assert.StartsWith("is not a regular file but a FIFO", error.Problem);
    }

    [Fact]
    public void A_cut_short_last_line_is_dropped_and_the_next_records_append_cleanly()
    {
        using var folder = new TempFolder();
        string path = folder.File("journal.jsonl");
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.True(journal.Record(new ImageResultRecord("a.jpg", new BoundingBox(0, 0, 10, 10))));
            Assert.True(journal.Record(new ImageResultRecord("b.jpg", null, Note: "no object")));
        }
        File.AppendAllText(path, """{"image": "c.jpg", "box": [1, 2""");

        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.Equal(["a.jpg", "b.jpg"], journal.Finished.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(EvaluationIssueKind.TruncatedLine, Assert.Single(journal.Issues).Kind);
            Assert.False(journal.IsFinished("c.jpg"));
            Assert.False(journal.Record(new ImageResultRecord("a.jpg", new BoundingBox(5, 5, 6, 6))));
            Assert.True(journal.Record(new ImageResultRecord("c.jpg", new BoundingBox(1, 2, 3, 4))));
        }

        JsonLinesContent content = JsonLinesReader.Read(path);
        Assert.Empty(content.Issues);
        Assert.Equal(["a.jpg", "b.jpg", "c.jpg"], content.Records.Select(r => r.Image));
        Assert.Equal(new BoundingBox(0, 0, 10, 10), content.Records[0].Box);
        Assert.Null(content.Records[1].Box);
        Assert.Equal("no object", content.Records[1].Note);
    }

    [Fact]
    public void A_complete_last_record_missing_only_its_newline_is_kept()
    {
        using var folder = new TempFolder();
        string path = folder.Write("journal.jsonl", "{\"image\":\"a.jpg\",\"box\":null}\n{\"image\":\"b.jpg\",\"box\":[1,2,3,4]}");
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.True(journal.IsFinished("b.jpg"));
            Assert.True(journal.Record(new ImageResultRecord("c.jpg", null)));
        }
        Assert.Equal(3, File.ReadAllLines(path).Length);
        Assert.Equal(3, JsonLinesReader.Read(path).Records.Count);
    }

    [Fact]
    public void Each_line_is_on_the_disk_before_the_writer_is_closed()
    {
        using var folder = new TempFolder();
        string path = folder.File("log.jsonl");
        using var writer = new JsonLinesWriter(path);
        writer.Append(new ImageResultRecord("a.jpg", new BoundingBox(1, 2, 3, 4), BestIoU: 0.75, Correct: true));
        using var reader = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        string text = new StreamReader(reader, Encoding.UTF8).ReadToEnd();
        Assert.Equal("{\"image\":\"a.jpg\",\"box\":[1,2,3,4],\"best_iou\":0.75,\"correct\":true}\n", text);
    }

    [Fact]
    public void A_journal_open_in_one_place_cannot_be_opened_in_another()
    {
        using var folder = new TempFolder();
        string path = folder.File("journal.jsonl");
        using (ResumeJournal first = ResumeJournal.Open(path))
        {
            first.Record(new ImageResultRecord("a.jpg", null));
            var refused = Assert.Throws<JournalInUseException>(() => ResumeJournal.Open(path));
            Assert.Equal(Path.GetFullPath(path), refused.JournalPath);
            // The lock is a file of its own: the journal stays readable while its run goes on (lost merge, tail -f).
            Assert.Single(File.ReadAllLines(path));
            Assert.True(File.Exists(ResumeJournal.LockPath(path)));
            first.Record(new ImageResultRecord("b.jpg", null));
        }
        Assert.False(File.Exists(ResumeJournal.LockPath(path)));
        using ResumeJournal again = ResumeJournal.Open(path);
        Assert.Equal(["a.jpg", "b.jpg"], again.Finished.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_settings_header_is_read_back_and_is_not_a_record()
    {
        using var folder = new TempFolder();
        string path = folder.File("journal.jsonl");
        var settings = new JournalSettings([new("--method", "lost"), new("--k", "100")]);
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.Null(journal.Settings);
            journal.Restart(settings);
            journal.Record(new ImageResultRecord("a.jpg", new BoundingBox(1, 2, 3, 4)));
        }
        Assert.Equal("{\"lost_journal\":1,\"settings\":{\"--method\":\"lost\",\"--k\":\"100\"}}", File.ReadLines(path).First());

        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.Equal(settings.Entries, journal.Settings!.Entries);
            Assert.Empty(journal.Settings.DifferingNames(settings));
            Assert.Equal(["--k", "--tau"], journal.Settings.DifferingNames(new JournalSettings([new("--method", "lost"), new("--k", "3"), new("--tau", "0.2")])));
            Assert.Equal(["a.jpg"], journal.Finished.Keys);
        }
        Assert.Equal(["a.jpg"], JsonLinesReader.Read(path).Records.Select(r => r.Image));
    }

    [Fact]
    public void Restart_drops_every_record_and_writes_the_new_header()
    {
        using var folder = new TempFolder();
        string path = folder.File("journal.jsonl");
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            journal.Record(new ImageResultRecord("a.jpg", null));
            journal.Record(ImageResultRecord.Failure("b.jpg", "unreadable"));
            journal.Restart(new JournalSettings([new("--method", "tokencut")]));
            Assert.Empty(journal.Finished);
            Assert.Empty(journal.Failed);
            Assert.True(journal.Record(new ImageResultRecord("a.jpg", new BoundingBox(0, 0, 1, 1))));
        }
        Assert.Equal(2, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void A_failed_image_is_not_finished_and_a_later_result_replaces_its_failure()
    {
        using var folder = new TempFolder();
        string path = folder.File("journal.jsonl");
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.True(journal.Record(ImageResultRecord.Failure("a.jpg", "not an image")));
            Assert.True(journal.Record(ImageResultRecord.Failure("b.jpg", "not an image")));
            Assert.False(journal.IsFinished("a.jpg"));
        }
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.Empty(journal.Finished);
            Assert.Equal(["a.jpg", "b.jpg"], journal.Failed.Keys.Order(StringComparer.Ordinal));
            Assert.True(journal.Record(new ImageResultRecord("a.jpg", new BoundingBox(1, 2, 3, 4))));
            Assert.True(journal.Record(ImageResultRecord.Failure("b.jpg", "still not an image")));
        }
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.Empty(journal.Issues);
            Assert.Equal(new BoundingBox(1, 2, 3, 4), journal.Finished["a.jpg"].Box);
            Assert.Equal("failed: still not an image", Assert.Single(journal.Failed).Value.Note);
        }
    }

    [Fact]
    public void A_damaged_line_before_the_last_is_a_typed_error_naming_the_line()
    {
        using var folder = new TempFolder();
        string path = folder.Write("journal.jsonl", "{\"image\":\"a.jpg\",\"box\":null}\n{oops\n{\"image\":\"b.jpg\",\"box\":null}\n");
        var error = Assert.Throws<LostInputException>(() => ResumeJournal.Open(path));
        Assert.Equal(path, error.InputName);
        Assert.StartsWith("line 2", error.Problem);
    }

    [Fact]
    public void Objects_are_written_and_read_back_in_order_and_a_record_without_them_has_none()
    {
        using var folder = new TempFolder();
        string path = folder.File("journal.jsonl");
        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            journal.Record(new ImageResultRecord("a.jpg", new BoundingBox(1, 2, 3, 4), Objects: [new BoundingBox(1, 2, 3, 4), new BoundingBox(0, 0, 8, 9)]));
            journal.Record(new ImageResultRecord("b.jpg", null, Objects: []));
            journal.Record(new ImageResultRecord("c.jpg", new BoundingBox(5, 6, 7, 8)));
        }
        Assert.Equal("{\"image\":\"a.jpg\",\"box\":[1,2,3,4],\"objects\":[[1,2,3,4],[0,0,8,9]]}", File.ReadAllLines(path)[0]);

        using (ResumeJournal journal = ResumeJournal.Open(path))
        {
            Assert.Equal([new BoundingBox(1, 2, 3, 4), new BoundingBox(0, 0, 8, 9)], journal.Finished["a.jpg"].Objects);
            Assert.Equal([], journal.Finished["b.jpg"].Objects!);
            Assert.Null(journal.Finished["c.jpg"].Objects);
        }
    }

    [Theory]
    [InlineData("{\"image\":\"a.jpg\",\"box\":null,\"objects\":[[1,2,3]]}\n{\"image\":\"b.jpg\",\"box\":null}\n")]
    [InlineData("{\"image\":\"a.jpg\",\"box\":null,\"objects\":[null]}\n{\"image\":\"b.jpg\",\"box\":null}\n")]
    [InlineData("{\"image\":\"a.jpg\",\"box\":null,\"objects\":7}\n{\"image\":\"b.jpg\",\"box\":null}\n")]
    public void Objects_that_are_not_boxes_are_a_typed_error(string content)
    {
        using var folder = new TempFolder();
        string path = folder.Write("journal.jsonl", content);
        var error = Assert.Throws<LostInputException>(() => ResumeJournal.Open(path));
        Assert.Contains("\"objects\" must be an array of [x1, y1, x2, y2]", error.Problem);
    }
}
