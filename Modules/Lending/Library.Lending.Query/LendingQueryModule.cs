using FluentValidation;
using Library.BuildingBlocks.Application;
using Library.Lending.Query.Books.GetBook;
using Library.Lending.Query.Books.SearchBooks;
using Library.Lending.Query.Holds.GetHold;
using Library.Lending.Query.Holds.SearchHolds;
using Library.Lending.Query.Loans.GetLoan;
using Library.Lending.Query.Loans.OverdueLoans;
using Library.Lending.Query.Loans.OwingLoans;
using Library.Lending.Query.Loans.SearchLoans;
using Library.Lending.Query.Projections;
using Library.Lending.Query.ReadModel;
using Library.Lending.Query.Stats.LoanStats;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Lending.Query;

/// <summary>The Lending query service: loans, the overdue list, holds, the catalogue with availability, and statistics.</summary>
public static class LendingQueryModule
{
    public const string Name = "lending-query";

    public static IServiceCollection AddLendingQueryModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddLendingReadStore(configuration);
        services.AddSingleton<LoanBackfill, OpenDueDateBackfill>();
        services.AddSingleton<LoanBackfill, OwingBackfill>();
        services.AddHostedService<LoanUpgrades>();
        services.AddSingleton<ReaderStamps>();
        services.AddSingleton<LoanStatistics>();
        services.AddSingleton<CalendarCopy>();
        services.AddTransient<CalendarProjection>();
        services.AddFusionCache();
        services.AddSingleton(new LoanStatsOptions(
            configuration.GetValue("Statistics:RangeFreshness", TimeSpan.FromSeconds(10)),
            Math.Max(1, configuration.GetValue("Statistics:RangeAggregations", 2))));
        services.AddSingleton<LoanReadModelWriter>();
        services.AddTransient<LoanProjection>();
        services.AddTransient<CatalogueProjection>();
        services.AddTransient<HoldProjection>();
        services.AddTransient<LoanStatisticsProjection>();
        services.AddValidatorsFromAssemblyContaining<SearchLoansValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.Namespace = "Library.Lending.Query.Messaging";
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapLendingQueryEndpoints(this IEndpointRouteBuilder routes)
    {
        var loans = routes.MapGroup("").WithTags("Loans");
        loans.MapGetLoan();
        loans.MapSearchLoans();
        loans.MapOverdueLoans();
        loans.MapOwingLoans();

        var books = routes.MapGroup("").WithTags("Catalogue");
        books.MapGetBook();
        books.MapSearchBooks();

        var holds = routes.MapGroup("").WithTags("Holds");
        holds.MapSearchHolds();
        holds.MapGetHold();

        routes.MapGroup("").WithTags("Statistics").MapLoanStats();
        return routes;
    }
}
