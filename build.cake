// Cake build script: `dotnet tool restore` once, then `dotnet cake --target=<Target>`.
// Targets: Build, Test, Benchmarks, Pack, Demo.
var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
var benchmarkFilter = Argument("filter", "*");
var solution = "./LostEngine.sln";

Task("Build")
    .Does(() =>
{
    DotNetBuild(solution, new DotNetBuildSettings { Configuration = configuration });
});

Task("Test")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetTest("./tests/LostEngine.Tests/LostEngine.Tests.csproj", new DotNetTestSettings
    {
        Configuration = configuration,
        NoBuild = true,
        Loggers = { "console;verbosity=normal" },
    });
});

Task("Benchmarks")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetRun("./benchmarks/LostEngine.Benchmarks/LostEngine.Benchmarks.csproj",
        new ProcessArgumentBuilder().Append("--filter").AppendQuoted(benchmarkFilter)
            .Append("--exporters").Append("github"),
        new DotNetRunSettings { Configuration = configuration, NoBuild = true });
});

// The library packages LostEngine and LostEngine.Native, and the tool package LostEngine.Tool (the lost command).
Task("Pack")
    .IsDependentOn("Build")
    .Does(() =>
{
    DotNetPack(solution, new DotNetPackSettings
    {
        Configuration = configuration,
        NoBuild = true,
        OutputDirectory = "./artifacts/packages",
    });
});

RunTarget(target);
