"""Pure demographic computations (numpy only, no Django): age grids, life tables, UN WPP readers, rate sets,
the cohort-component projection, age-structure estimation and indicators. Arrays run territories along axis 0
and ages along the last axis. The method is described in docs/demography-projection.md.
"""
