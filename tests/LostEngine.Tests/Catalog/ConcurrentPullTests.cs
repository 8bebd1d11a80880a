using LostEngine.Catalog;
using LostEngine.Tests.Cli;

namespace LostEngine.Tests.Catalog;

/// <summary>
/// Two pulls of one model take turns on its lock: the second waits while the first downloads, then finds the model
/// in the cache, so the server sends the file once and the cache holds one whole copy.
/// </summary>
public sealed class ConcurrentPullTests
{
    private const string Name = "dino-vitb16";

    [Fact]
    public async Task A_second_pull_waits_for_the_first_and_uses_its_result()
    {
        var importer = new FakeImporter();
        using var sandbox = new CatalogSandbox(importer);
        byte[] checkpoint = sandbox.Publish(Name);
        var release = sandbox.Server.HoldOnce(CatalogSandbox.Entry(Name).Path, 100_000);
        var entry = CatalogSandbox.Entry(Name);
        var settings = sandbox.Sources.Settings();
        var firstReporter = new Reporter();
        var secondReporter = new Reporter();

        var first = Task.Run(() => new ModelPull(settings, importer, sandbox.StallTimeout).Pull(entry, firstReporter, CancellationToken.None));
        Assert.True(firstReporter.Started.Wait(TimeSpan.FromMinutes(1)), "the first pull never started its download");
        var second = Task.Run(() => new ModelPull(settings, importer, sandbox.StallTimeout).Pull(entry, secondReporter, CancellationToken.None));
        Assert.True(secondReporter.Waited.Wait(TimeSpan.FromMinutes(1)), "the second pull did not wait for the first");
        release.Release();

        var one = await first;
        var two = await second;

        Assert.Equal(one.ModelPath, two.ModelPath);
        Assert.False(secondReporter.Started.IsSet);
        Assert.Single(sandbox.Server.Requests);
        Assert.Equal(checkpoint, Assert.Single(importer.Checkpoints));
        Assert.Equal(checkpoint, File.ReadAllBytes(sandbox.CheckpointPath(Name)));
    }

    [Fact]
    public async Task A_waiting_pull_can_be_cancelled()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        var release = sandbox.Server.HoldOnce(CatalogSandbox.Entry(Name).Path, 100_000);
        var entry = CatalogSandbox.Entry(Name);
        var settings = sandbox.Sources.Settings();
        var firstReporter = new Reporter();
        var secondReporter = new Reporter();
        using var stop = new CancellationTokenSource();

        var first = Task.Run(() => new ModelPull(settings, sandbox.Importer, sandbox.StallTimeout).Pull(entry, firstReporter, CancellationToken.None));
        Assert.True(firstReporter.Started.Wait(TimeSpan.FromMinutes(1)), "the first pull never started its download");
        var second = Task.Run(() => new ModelPull(settings, sandbox.Importer, sandbox.StallTimeout).Pull(entry, secondReporter, stop.Token));
        Assert.True(secondReporter.Waited.Wait(TimeSpan.FromMinutes(1)), "the second pull did not wait for the first");
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        release.Release();
        Assert.True((await first).IsReady);
    }

    [Fact]
    public async Task A_pull_in_another_process_waits_for_this_one_then_reads_the_cache()
    {
        using var sandbox = new CatalogSandbox();
        sandbox.Publish(Name);
        var release = sandbox.Server.HoldOnce(CatalogSandbox.Entry(Name).Path, 100_000);
        var reporter = new Reporter();
        var first = Task.Run(() => new ModelPull(sandbox.Sources.Settings(), sandbox.Importer, sandbox.StallTimeout)
            .Pull(CatalogSandbox.Entry(Name), reporter, CancellationToken.None));
        Assert.True(reporter.Started.Wait(TimeSpan.FromMinutes(1)), "the first pull never started its download");

        using var other = CliProcess.Start(sandbox.Environment.ToDictionary(p => p.Key, p => p.Value!), "model", "pull", Name);
        var stdout = other.StandardOutput.ReadToEndAsync();
        Assert.Equal($"{Name}: another lost is pulling it; waiting for that pull to finish.", other.StandardError.ReadLine());
        release.Release();
        string rest = await other.StandardError.ReadToEndAsync();
        await other.WaitForExitAsync();

        Assert.True(other.ExitCode == 0, rest);
        Assert.Equal((await first).ModelPath, System.Text.Json.JsonDocument.Parse(await stdout).RootElement.GetProperty("model").GetString());
        Assert.Single(sandbox.Server.Requests);
    }

    /// <summary>Signals when the pull starts downloading and when it waits for another.</summary>
    private sealed class Reporter : IPullReporter
    {
        public ManualResetEventSlim Started { get; } = new();

        public ManualResetEventSlim Waited { get; } = new();

        public void Waiting(CatalogEntry entry) => Waited.Set();

        public long ShowDownload(CatalogEntry entry, Uri url, long totalBytes, long resumedFrom, Func<IDownloadProgress, long> download) =>
            download(new Progress(Started));

        public void Importing(CatalogEntry entry, string checkpointPath)
        {
        }

        private sealed class Progress(ManualResetEventSlim started) : IDownloadProgress
        {
            public void Advanced(int bytes) => started.Set();
        }
    }
}
