using System.Text.Json;
using LostEngine.Catalog;
using LostEngine.Cli;
using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// A download that stops part way keeps its bytes in <c>.partial</c>, never under the checkpoint's name, and the
/// next pull asks for the rest with a range request; a part of another version of the file is started over.
/// </summary>
public sealed class DownloadResumeTests
{
    private const string Name = "dinov2-vits14";

    [Fact]
    public void A_dropped_connection_keeps_the_part_and_the_next_pull_resumes_it()
    {
        var importer = new FakeImporter();
        using var sandbox = new CatalogSandbox(importer);
        byte[] checkpoint = sandbox.Publish(Name);
        string path = CatalogSandbox.Entry(Name).Path;
        sandbox.Server.DropOnce(path, 1_234_567);

        var first = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.Equal(ExitCodes.Failure, first.ExitCode);
        string line = Assert.Single(first.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"lost: the download of {sandbox.Server.BaseUrl.AbsoluteUri}dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth stopped at 1234567 of {checkpoint.Length} bytes", line);
        Assert.Contains("the same command resumes", line);
        string partial = sandbox.CheckpointPath(Name) + ".partial";
        Assert.Equal(checkpoint[..1_234_567], File.ReadAllBytes(partial));
        Assert.False(File.Exists(sandbox.CheckpointPath(Name)));
        Assert.Empty(importer.Checkpoints);

        var second = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.True(second.ExitCode == 0, second.Error);
        var resumed = sandbox.Server.Requests[1];
        Assert.Equal("bytes=1234567-", resumed.Range);
        Assert.Equal("\"v1\"", resumed.IfRange);
        Assert.Equal(checkpoint, File.ReadAllBytes(sandbox.CheckpointPath(Name)));
        Assert.Equal(checkpoint, Assert.Single(importer.Checkpoints));
        Assert.False(File.Exists(partial));
        Assert.False(File.Exists(partial + ".json"));
    }

    [Fact]
    public void A_part_is_never_taken_for_the_checkpoint()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        sandbox.Server.DropOnce(CatalogSandbox.Entry(Name).Path, 1000);
        Assert.Equal(ExitCodes.Failure, sandbox.Run("model", "pull", Name, "--quiet").ExitCode);

        var list = sandbox.Run("model", "list", "--json");

        var state = list.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Single(m => m.GetProperty("name").GetString() == Name);
        Assert.Equal("partial", state.GetProperty("state").GetString());
        Assert.Equal(1000, state.GetProperty("partial_bytes").GetInt64());
        Assert.Equal(JsonValueKind.Null, state.GetProperty("model").ValueKind);
    }

    [Fact]
    public void A_part_of_a_file_that_changed_size_on_the_server_is_started_over()
    {
        using var sandbox = WithPart(500_000);
        // The same tag, so only the size shows the file is another: the range answer's total disagrees with the part's.
        byte[] replaced = sandbox.Publish(Name, bytes: 2_500_000, seed: 2);

        var second = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(replaced, File.ReadAllBytes(sandbox.CheckpointPath(Name)));
        Assert.Equal(new[] { null, "bytes=500000-", null }, sandbox.Server.Requests.Select(r => r.Range));
    }

    [Fact]
    public void A_part_of_another_version_is_started_over_when_the_server_sends_the_whole_file()
    {
        using var sandbox = WithPart(500_000);
        var content = new byte[2_000_000];
        new Random(3).NextBytes(content);
        sandbox.Server.Serve(CatalogSandbox.Entry(Name).Path, content, etag: "\"v2\"");

        var second = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal(content, File.ReadAllBytes(sandbox.CheckpointPath(Name)));
        Assert.Equal(2, sandbox.Server.Requests.Count);
    }

    [Fact]
    public void A_part_that_holds_every_byte_is_finished_without_downloading_again()
    {
        using var sandbox = new CatalogSandbox();
        byte[] checkpoint = sandbox.Publish(Name, bytes: 100_000);
        string destination = sandbox.CheckpointPath(Name);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        // What a pull killed between its last byte and its rename leaves.
        File.WriteAllBytes(CheckpointDownload.PartialPath(destination), checkpoint);
        new PartialDownload(checkpoint.Length, "\"v1\"", null).Write(CheckpointDownload.StatePath(destination));

        var pull = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.True(pull.ExitCode == 0, pull.Error);
        Assert.Equal(checkpoint, File.ReadAllBytes(destination));
        Assert.Equal($"bytes={checkpoint.Length}-", Assert.Single(sandbox.Server.Requests).Range);
    }

    [Fact]
    public void A_part_without_its_record_is_not_trusted()
    {
        using var sandbox = new CatalogSandbox();
        byte[] checkpoint = sandbox.Publish(Name, bytes: 100_000);
        string destination = sandbox.CheckpointPath(Name);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        File.WriteAllBytes(CheckpointDownload.PartialPath(destination), new byte[40_000]);

        var pull = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.True(pull.ExitCode == 0, pull.Error);
        Assert.Equal(checkpoint, File.ReadAllBytes(destination));
        Assert.Null(Assert.Single(sandbox.Server.Requests).Range);
    }

    [Fact]
    public void A_server_that_goes_silent_is_given_up_keeping_what_arrived()
    {
        using var sandbox = new CatalogSandbox { StallTimeout = TimeSpan.FromSeconds(1) };
        byte[] checkpoint = sandbox.Publish(Name);
        sandbox.Server.HoldOnce(CatalogSandbox.Entry(Name).Path, 70_000);

        var pull = sandbox.Run("model", "pull", Name, "--quiet");

        Assert.Equal(ExitCodes.Failure, pull.ExitCode);
        Assert.Contains("stopped at 70000 of", pull.Error);
        Assert.Contains("nothing arrived for 1 s", pull.Error);
        Assert.Equal(checkpoint[..70_000], File.ReadAllBytes(sandbox.CheckpointPath(Name) + ".partial"));
    }

    [Fact]
    public async Task Sigterm_stops_a_pull_keeping_what_arrived()
    {
        using var sandbox = new CatalogSandbox();
        byte[] checkpoint = sandbox.Publish(Name);
        var release = sandbox.Server.HoldOnce(CatalogSandbox.Entry(Name).Path, 200_000);
        string partial = sandbox.CheckpointPath(Name) + ".partial";
        using var process = CliProcess.Start(sandbox.Environment.ToDictionary(p => p.Key, p => p.Value!), "model", "pull", Name);
        var error = process.StandardError.ReadToEndAsync();
        while (new FileInfo(partial) is not { Exists: true, Length: 200_000 } && !process.HasExited)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, Signals.Send(process.Id, Signals.Sigterm));
        await process.WaitForExitAsync();
        release.Release();

        Assert.Equal(ExitCodes.Interrupted, process.ExitCode);
        Assert.EndsWith("lost: interrupted.\n", (await error).Replace("\r\n", "\n"));
        Assert.Equal(checkpoint[..200_000], File.ReadAllBytes(partial));
        Assert.Equal(0, sandbox.Run("model", "pull", Name, "--quiet").ExitCode);
        Assert.Equal("bytes=200000-", sandbox.Server.Requests[^1].Range);
        Assert.Equal(checkpoint, File.ReadAllBytes(sandbox.CheckpointPath(Name)));
    }

    [Fact]
    public void Progress_on_a_log_says_the_size_and_where_it_resumed()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name, bytes: 3 << 20);
        sandbox.Server.DropOnce(CatalogSandbox.Entry(Name).Path, 1 << 20);
        Assert.Equal(ExitCodes.Failure, sandbox.Run("model", "pull", Name).ExitCode);

        var second = sandbox.Run("model", "pull", Name);

        Assert.True(second.ExitCode == 0, second.Error);
        var lines = second.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"{Name}: downloading {sandbox.Server.BaseUrl.AbsoluteUri}dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth (3.0 MB, resuming after 1.0 MB)", lines);
        Assert.Contains(lines, l => l.StartsWith($"{Name}: 3.0/3.0 MB, ", StringComparison.Ordinal));
    }

    /// <summary>A sandbox whose cache holds the first <paramref name="kept"/> bytes of a 2,000,000-byte version 1, from a dropped pull.</summary>
    private static CatalogSandbox WithPart(int kept)
    {
        var sandbox = new CatalogSandbox();
        sandbox.Publish(Name, bytes: 2_000_000, seed: 1);
        sandbox.Server.DropOnce(CatalogSandbox.Entry(Name).Path, kept);
        Assert.Equal(ExitCodes.Failure, sandbox.Run("model", "pull", Name, "--quiet").ExitCode);
        return sandbox;
    }
}
