namespace LostEngine.Native;

/// <summary>One library name or path the resolver tries, in order.</summary>
/// <param name="Name">A file name for the dynamic loader's search, or an absolute path.</param>
/// <param name="Origin">Why it is on the list (shown in reports): "MKL", "OpenBLAS", "generic BLAS", or the environment variable.</param>
public readonly record struct BlasCandidate(string Name, string Origin);
