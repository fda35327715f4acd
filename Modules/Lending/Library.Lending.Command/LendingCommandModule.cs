using FluentValidation;
using Library.BuildingBlocks.Application;
using Library.BuildingBlocks.Persistence;
using Library.Lending.Command.Books.AddBook;
using Library.Lending.Command.Books.AddCopy;
using Library.Lending.Command.Calendar.CloseDay;
using Library.Lending.Command.Calendar.GetClosedDays;
using Library.Lending.Command.Calendar.OpenDay;
using Library.Lending.Command.Categories.ChangeCategory;
using Library.Lending.Command.Categories.GetCategories;
using Library.Lending.Command.Erasure;
using Library.Lending.Command.Fines.PayFine;
using Library.Lending.Command.Fines.WaiveFine;
using Library.Lending.Command.Holds.CancelHold;
using Library.Lending.Command.Holds.Expiry;
using Library.Lending.Command.Holds.PlaceHold;
using Library.Lending.Command.Infrastructure;
using Library.Lending.Command.Loans.CheckIn;
using Library.Lending.Command.Loans.Checkout;
using Library.Lending.Command.Loans.DeclareLost;
using Library.Lending.Command.Loans.Renew;
using Library.Lending.Command.Loans.RenewAll;
using Library.Lending.Command.Loans.Return;
using Library.Lending.Command.Policy.ChangePolicy;
using Library.Lending.Command.Policy.GetPolicy;
using Library.Lending.Command.Replicas;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Library.Lending.Command;

/// <summary>The Lending command service: catalogue, copies, circulation, fines and the lending policy.</summary>
public static class LendingCommandModule
{
    public const string Name = "lending-command";

    /// <summary>Needs <c>ConnectionStrings:LendingCommand</c>; it must be the database of the CAP outbox too.</summary>
    public static IServiceCollection AddLendingCommandModule(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("LendingCommand")
            ?? throw new InvalidOperationException("ConnectionStrings:LendingCommand is required.");
        services.AddCommandStore<LendingDbContext>(Name, connectionString, LendingDbContext.Schema);
        services.AddTransient<ReaderEligibilityProjection>();
        services.AddTransient<CheckErasureSubscriber>();
        services.AddScoped<HoldExpirySweep>();
        services.Configure<HoldExpiryOptions>(configuration.GetSection(HoldExpiryOptions.SectionName));
        services.AddHostedService<HoldExpiryService>();
        services.AddValidatorsFromAssemblyContaining<AddBookValidator>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddMediator(options =>
        {
            options.Namespace = "Library.Lending.Command.Messaging";
            options.GenerateTypesAsInternal = true;
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(ValidationBehavior<,>)];
        });
        return services;
    }

    public static IEndpointRouteBuilder MapLendingCommandEndpoints(this IEndpointRouteBuilder routes)
    {
        var books = routes.MapGroup("").WithTags("Catalogue");
        books.MapAddBook();
        books.MapAddCopy();

        var loans = routes.MapGroup("").WithTags("Circulation");
        loans.MapCheckout();
        loans.MapReturnLoan();
        loans.MapRenewLoan();
        loans.MapDeclareLost();
        loans.MapCheckIn();
        loans.MapRenewAll();

        var holds = routes.MapGroup("").WithTags("Holds");
        holds.MapPlaceHold();
        holds.MapCancelHold();

        var fines = routes.MapGroup("").WithTags("Fines");
        fines.MapPayFine();
        fines.MapWaiveFine();

        var policy = routes.MapGroup("").WithTags("Lending policy");
        policy.MapGetPolicy();
        policy.MapChangePolicy();

        var calendar = routes.MapGroup("").WithTags("Calendar");
        calendar.MapGetClosedDays();
        calendar.MapCloseDay();
        calendar.MapOpenDay();

        var categories = routes.MapGroup("").WithTags("Reader categories");
        categories.MapGetCategories();
        categories.MapChangeCategory();
        return routes;
    }
}
