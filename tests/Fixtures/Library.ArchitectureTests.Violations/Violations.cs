using Library.BuildingBlocks.ReadStore;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.ArchitectureTests.Violations;

public sealed record PublicCommand : ICommand<int>;

/// <summary>Breaks "handlers are internal".</summary>
public sealed class PublicHandler : ICommandHandler<PublicCommand, int>
{
    public ValueTask<int> Handle(PublicCommand command, CancellationToken cancellationToken) => ValueTask.FromResult(1);
}

/// <summary>Breaks "endpoints are internal".</summary>
public static class PublicEndpoint
{
    public static string Route => "/api/violations";
}

/// <summary>Breaks "a Query project does not use EF Core".</summary>
public sealed class UsesEntityFramework(DbContextOptions options) : DbContext(options);

/// <summary>Breaks "a Command project does not use the read store".</summary>
public sealed class UsesReadStore(IReadStore<ViolatingDocument> store)
{
    public IReadStore<ViolatingDocument> Store => store;
}

public sealed class ViolatingDocument : IReadDocument
{
    public string Id { get; set; } = "";

    public long Version { get; set; }
}

/// <summary>Breaks "no module references another module's Command or Query project".</summary>
public static class UsesAnotherModulesCommandSide
{
    // A method, not a constant: constants are inlined and leave no reference behind.
    public static Func<IServiceCollection, IConfiguration, IServiceCollection> Registration =>
        Library.Reader.Command.ReaderCommandModule.AddReaderCommandModule;
}
