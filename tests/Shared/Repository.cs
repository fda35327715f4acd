namespace Library.Testing;

/// <summary>The checkout the tests run from, for tests that read or run its files (scripts, compose file, host builds).</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Library.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("Tests run from inside the repository.");
        }
    }
}
