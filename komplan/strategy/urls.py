"""Public strategy pages and members' activity sheets, included at `<process>/` (namespace strategy)."""

from django.urls import path

from . import sheet_views, views

app_name = "strategy"
urlpatterns = [
    path("strategie/", views.strategy_tree, name="tree"),
    path("akcni-plan/", views.action_plan_index, name="action_plan_index"),
    path("akcni-plan/<int:year>/", views.action_plan, name="action_plan"),
    path("akcni-plan/<int:year>/akcni-plan.xlsx", views.action_plan_xlsx, name="action_plan_xlsx"),
    path("akcni-plan/<int:year>/akcni-plan.pdf", views.action_plan_pdf, name="action_plan_pdf"),
    path("zasobnik-projektu/", views.project_store, name="project_store"),
    path("zasobnik-projektu/zasobnik-projektu.xlsx", views.project_store_xlsx, name="project_store_xlsx"),
    path("zasobnik-projektu/zasobnik-projektu.pdf", views.project_store_pdf, name="project_store_pdf"),
    path("listy-aktivit/", sheet_views.my_sheets, name="my_sheets"),
    path("listy-aktivit/novy/", sheet_views.sheet_new, name="sheet_new"),
    path("listy-aktivit/<int:pk>/", sheet_views.my_sheet, name="my_sheet"),
    path("listy-aktivit/<int:pk>/upravit/", sheet_views.sheet_edit, name="sheet_edit"),
]
