using LostEngine.IO;
using LostEngine.Tests.Model;

namespace LostEngine.Tests.Cli;

/// <summary>Every command's <c>--threads</c> above the maximum is exit 2 naming <c>--threads</c>, before any thread starts.</summary>
public sealed class ThreadOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Commands() => ["keys", "bench kernel", "bench tokencut", "localize", "features", "bench pipeline"];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Too_many_threads_are_exit_2_naming_the_option(string command)
    {
        string line = CliRunner.Run([.. Arguments(command), "--threads", "257"]).AssertBadInput();
        Assert.Equal("lost: --threads: must be at most 256, got 257.", line);
    }

    private string[] Arguments(string command)
    {
        string keys = _folder.File("k.npy");
        NpyWriter.WriteFloat32(keys, Enumerable.Range(0, 8).Select(i => (float)i).ToArray(), [4, 2]);
        string image = Fixtures.Tiny("odd_37x53.png");
        return command switch
        {
            "keys" => ["keys", keys, "--grid", "2x2"],
            "bench kernel" => ["bench", "kernel", "--n", "12", "--d", "4", "--runs", "1", "--probe-ms", "1"],
            "bench tokencut" => ["bench", "tokencut", "--n", "12", "--d", "4", "--runs", "1"],
            "localize" => ["localize", image, "--model", Fixtures.TinyModel, "--output", _folder.File("p.json")],
            "features" => ["features", image, "--model", Fixtures.TinyModel, "--output", _folder.File("f.npy")],
            "bench pipeline" => ["bench", "pipeline", "--model", Fixtures.TinyModel, "--size", "40x56", "--runs", "1"],
            _ => throw new ArgumentOutOfRangeException(nameof(command)),
        };
    }
}
