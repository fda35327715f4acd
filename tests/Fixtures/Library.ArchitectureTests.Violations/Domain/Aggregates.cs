using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Library.ArchitectureTests.Violations.Domain;

/// <summary>Breaks "a domain model depends on no persistence library": it knows its EF Core mapping.</summary>
public sealed class PersistedAggregate
{
    public static void Map(ModelBuilder model) => model.Entity<PersistedAggregate>();
}

/// <summary>Breaks "a domain model depends on no mediator": it sends commands itself.</summary>
public sealed class DispatchingAggregate(ISender sender)
{
    public ISender Sender => sender;
}
