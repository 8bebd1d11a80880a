using System.Runtime.InteropServices;
using LostEngine.Native;

namespace LostEngine.Tests.Native;

public sealed partial class BlasLibraryResolverTests
{
    private const string Missing = "/nonexistent/lostengine-test/libnotblas.so.9";

    [Fact]
    public void DefaultOrderIsMklThenOpenBlasThenGeneric()
    {
        var origins = BlasLibraryResolver.DefaultCandidates.Select(candidate => candidate.Origin).ToArray();

        Assert.Equal(["MKL", "MKL", "OpenBLAS", "OpenBLAS", "OpenBLAS", "generic BLAS", "generic BLAS"], origins);
        Assert.Equal("libmkl_rt.so.2", BlasLibraryResolver.DefaultCandidates[0].Name);
        Assert.Contains(BlasLibraryResolver.DefaultCandidates, candidate => candidate.Name == "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0");
    }

    [OpenBlasFact]
    public void FindsOpenBlasAndReportsIt()
    {
        var resolver = new BlasLibraryResolver(new DictionaryBlasEnvironment(), BlasProbe.OpenBlasCandidates, cpuHasAvx512: false);

        var library = resolver.Load();

        Assert.Equal(BlasFamily.OpenBlas, library.Api.Family);
        Assert.Equal("OpenBLAS", library.Candidate.Origin);
        Assert.StartsWith("OpenBLAS ", library.Api.Configuration);
        Assert.False(string.IsNullOrWhiteSpace(library.Api.CoreName));
        Assert.True(File.Exists(library.File), $"reported file '{library.File}' does not exist");
        Assert.True(library.Api.HasThreadControl);
        Assert.Equal("1 per call (set at load)", library.ThreadNote);
        Assert.Equal("loaded", library.Attempts[^1].Outcome);
        Assert.All(library.Attempts.SkipLast(1), attempt => Assert.False(attempt.Loaded));

        var report = library.Describe();
        Assert.Contains("CBLAS: OpenBLAS from " + library.Candidate.Name, report);
        Assert.Contains("kernels: " + library.Api.CoreName, report);
        Assert.Contains("threads: 1 per call", report);
    }

    [OpenBlasFact]
    public void LibraryVariableIsUsedInsteadOfTheSearch()
    {
        var openBlas = new BlasLibraryResolver(new DictionaryBlasEnvironment(), BlasProbe.OpenBlasCandidates, cpuHasAvx512: false).Load();
        var environment = new DictionaryBlasEnvironment((BlasLibraryResolver.LibraryVariable, openBlas.File!));

        var library = new BlasLibraryResolver(environment, [new(Missing, "test")], cpuHasAvx512: false).Load();

        Assert.Equal(BlasLibraryResolver.LibraryVariable, library.Candidate.Origin);
        Assert.Equal(openBlas.File, library.Candidate.Name);
        Assert.Single(library.Attempts);
    }

    [Fact]
    public void LibraryVariableNamingAMissingFileFailsWithoutFallingBack()
    {
        var environment = new DictionaryBlasEnvironment((BlasLibraryResolver.LibraryVariable, Missing));
        var resolver = new BlasLibraryResolver(environment, BlasLibraryResolver.DefaultCandidates, cpuHasAvx512: false);

        var error = Assert.Throws<BlasUnavailableException>(() => resolver.Load());

        Assert.Contains(BlasLibraryResolver.LibraryVariable, error.Message);
        Assert.Contains($"'{Missing}'", error.Message);
        Assert.Contains("no other library is tried", error.Message);
        Assert.DoesNotContain("libopenblas", error.Message);
    }

    [Fact]
    public void LibraryWithoutCblasIsRejectedWithTheReason()
    {
        var environment = new DictionaryBlasEnvironment((BlasLibraryResolver.LibraryVariable, "libm.so.6"));
        var resolver = new BlasLibraryResolver(environment, [], cpuHasAvx512: false);

        var error = Assert.Throws<BlasUnavailableException>(() => resolver.Load());

        Assert.Contains("'libm.so.6'", error.Message);
        Assert.Contains("does not export cblas_sgemm", error.Message);
    }

    [Fact]
    public void WhenNothingLoadsEveryNameTriedIsReportedWithItsReason()
    {
        BlasCandidate[] candidates = [new(Missing, "first"), new("libm.so.6", "second"), new(Missing + ".2", "third")];
        var resolver = new BlasLibraryResolver(new DictionaryBlasEnvironment(), candidates, cpuHasAvx512: false);

        var error = Assert.Throws<BlasUnavailableException>(() => resolver.Load());

        Assert.Contains($"{Missing} (first): not loadable (", error.Message);
        Assert.Contains("libm.so.6 (second): loads, but does not export cblas_sgemm", error.Message);
        Assert.Contains($"{Missing}.2 (third): not loadable (", error.Message);
        Assert.Contains(BlasLibraryResolver.LibraryVariable, error.Message);
    }

    [Fact]
    public void CoreTypeIsSetToSkylakeXBeforeLoadingWhenTheCpuHasAvx512()
    {
        var environment = new DictionaryBlasEnvironment();
        var resolver = new BlasLibraryResolver(environment, [new(Missing, "test")], cpuHasAvx512: true);

        Assert.Throws<BlasUnavailableException>(() => resolver.Load());

        Assert.Equal("SkylakeX", environment.Get(BlasLibraryResolver.CoreTypeVariable));
    }

    [Fact]
    public void CoreTypeIsLeftUnsetWithoutAvx512()
    {
        var environment = new DictionaryBlasEnvironment();
        var resolver = new BlasLibraryResolver(environment, [new(Missing, "test")], cpuHasAvx512: false);

        Assert.Throws<BlasUnavailableException>(() => resolver.Load());

        Assert.Null(environment.Get(BlasLibraryResolver.CoreTypeVariable));
        Assert.Empty(environment.Writes);
    }

    [Fact]
    public void CoreTypeChosenByTheCallerIsKept()
    {
        var environment = new DictionaryBlasEnvironment((BlasLibraryResolver.CoreTypeVariable, "Haswell"));
        var resolver = new BlasLibraryResolver(environment, [new(Missing, "test")], cpuHasAvx512: true);

        Assert.Throws<BlasUnavailableException>(() => resolver.Load());

        Assert.Equal("Haswell", environment.Get(BlasLibraryResolver.CoreTypeVariable));
    }

    [OpenBlasFact]
    public void CoreTypeDecisionIsInTheReport()
    {
        var library = new BlasLibraryResolver(new DictionaryBlasEnvironment(), BlasProbe.OpenBlasCandidates, cpuHasAvx512: false).Load();

        Assert.Contains("OPENBLAS_CORETYPE: not set: this CPU has no AVX-512", library.Describe());
    }

    [BlasFact]
    public void SharedLibraryLoadsOnceWithOneThread()
    {
        Assert.True(BlasLibraryResolver.TryGetShared(out var library, out var failure), failure);

        Assert.Same(library, BlasLibraryResolver.Shared);
        Assert.Contains("threads: ", library!.Describe());
        if (library.Api.HasThreadControl)
        {
            Assert.Equal("1 per call (set at load)", library.ThreadNote);
        }
    }

    [Fact]
    public void ProcessEnvironmentWritesReachNativeGetenv()
    {
        var name = $"LOSTENGINE_TEST_{Environment.ProcessId}_{Guid.NewGuid():N}";

        ProcessBlasEnvironment.Instance.Set(name, "seen-by-libc");

        Assert.Equal("seen-by-libc", Marshal.PtrToStringUTF8(NativeGetEnv(name)));
        Assert.Equal("seen-by-libc", ProcessBlasEnvironment.Instance.Get(name));
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint NativeGetEnv(string name);
}
